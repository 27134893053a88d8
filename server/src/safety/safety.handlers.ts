/** Transport for safety: `call:report {sessionId, reason}` and `call:block {sessionId}`. */
import { callsOf, type FlintModule } from '../app-context.ts';
import { createSafetyService } from './safety.service.ts';

export const safetyModule: FlintModule = (ctx) => {
  const service = createSafetyService({ db: ctx.db, calls: callsOf(ctx) });
  ctx.events.handle('call:report', (p, { userId }) => service.act(userId, p.sessionId, { kind: 'report', reason: p.reason }));
  ctx.events.handle('call:block', (p, { userId }) => service.act(userId, p.sessionId, { kind: 'block' }));
};
