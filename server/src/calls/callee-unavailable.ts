/**
 * `call:unavailable`: the callee's app was rung while it could not show calls (its call remote did
 * not load). The ring itself still reaches the person (the shell shows a toast); this tells the
 * caller, whose `<flint-call>` says so while dialing. It changes no session: the invite keeps
 * ringing the callee's other tabs and devices, one of which may be able to answer, until it is
 * answered or times out. Read-only on the calls tables, so the calls domain stays their one writer.
 */
import { ServerEvent } from '@flint/shared';
import type { AppContext } from '../app-context.ts';
import { DomainError } from '../domain-error.ts';
import { ringingCallerOf } from './calls.repository.ts';

export function calleeUnavailableModule(ctx: AppContext): void {
  ctx.events.handle('call:unavailable', async ({ sessionId }, { userId }) => {
    const caller = await ringingCallerOf(ctx.db.orm, sessionId, userId);
    if (!caller) throw DomainError.forbidden('you are not being rung for this call');
    ctx.notifier.toUsers([caller], ServerEvent.CALL_PEER_UNAVAILABLE, { sessionId });
    return null;
  });
}
