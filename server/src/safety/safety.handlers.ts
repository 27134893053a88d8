/** Transport for safety: `call:report {sessionId, reason}` and `call:block {sessionId}`. */
import { type PresencePayload, ServerEvent } from '@flint/shared';
import { callsOf, type FlintModule } from '../app-context.ts';
import { findMatchBetween } from '../matches/matches.repository.ts';
import { createSafetyService, type SafetyAction } from './safety.service.ts';

export const safetyModule: FlintModule = (ctx) => {
  const service = createSafetyService({ db: ctx.db, calls: callsOf(ctx) });
  const act = async (userId: string, sessionId: string, action: SafetyAction): Promise<void> => {
    const peerId = await service.act(userId, sessionId, action);
    // From now on presence never crosses the pair (matches.repository). A matched pair was told
    // each other's presence until now: take back the "online" each last heard, so neither page
    // keeps showing it. People paired by the live queue never heard it, and hear nothing more.
    if (!(await findMatchBetween(ctx.db.orm, userId, peerId))) return;
    const offline = (id: string): PresencePayload => ({ userId: id, online: false });
    ctx.notifier.toUsers([userId], ServerEvent.PRESENCE, offline(peerId));
    ctx.notifier.toUsers([peerId], ServerEvent.PRESENCE, offline(userId));
  };
  ctx.events.handle('call:report', (p, { userId }) => act(userId, p.sessionId, { kind: 'report', reason: p.reason }));
  ctx.events.handle('call:block', (p, { userId }) => act(userId, p.sessionId, { kind: 'block' }));
};
