/**
 * Every way a session ends goes through `finish`, so each ending stops media, clears timers and
 * emits exactly one emitEnded; later events for that session find no row and are ignored.
 */
import type { CallEnded, EndReason } from '@flint/shared';
import { type CallContext, NO_LOSS } from '../context.ts';
import type { CallEffect } from '../effects.ts';
import { CallState } from '../states.ts';
import { announce, type Step, sid, step } from './step.ts';

/** Endings caused by reachability or hardware show the FAILED summary; the rest FINISHED. */
const FAILING_REASONS: ReadonlySet<EndReason> = new Set<EndReason>(['device-unavailable', 'ring-timeout', 'media-failed']);

export const stateForReason = (reason: EndReason): CallState => (FAILING_REASONS.has(reason) ? CallState.FAILED : CallState.FINISHED);

export const endedEffect = (ctx: CallContext, reason: EndReason): CallEffect => ({
  type: 'emitEnded',
  sessionId: sid(ctx),
  kind: ctx.kind ?? 'staged',
  reason,
  conversationId: ctx.conversationId,
});

function finish(ctx: CallContext, state: CallState, reason: EndReason, first: CallEffect[]): Step {
  const context: CallContext = { ...ctx, endReason: reason, lost: NO_LOSS, interrupted: null };
  return step(
    state,
    context,
    ...first,
    { type: 'closeMedia' },
    { type: 'clearTimers' },
    announce('call.ended', { reason }),
    endedEffect(context, reason),
  );
}

/** call:ended from the server: its reason decides FINISHED or FAILED. */
export function endFromServer(ctx: CallContext, ended: CallEnded): Step {
  const context: CallContext = {
    ...ctx,
    kind: ended.kind,
    conversationId: ended.conversationId,
    deviceFailure: ended.deviceFailure ?? ctx.deviceFailure,
  };
  return finish(context, stateForReason(ended.reason), ended.reason, []);
}

/**
 * The user leaves: tell the server and end locally at once, without waiting for call:ended
 * (which then finds FINISHED and is ignored). A caller still ringing cancels rather than hangs up.
 */
export function leave(ctx: CallContext, reason: 'hung-up' | 'cancelled' = 'hung-up'): Step {
  const send: CallEffect = { type: 'send', event: 'call:leave', payload: { sessionId: sid(ctx) } };
  return finish(ctx, CallState.FINISHED, reason, [send]);
}

/** The gate could not be fixed (user gave up or the deadline passed): report it, the session ends for both. */
export function giveUpGate(ctx: CallContext): Step {
  const reason = ctx.deviceFailure ?? 'device-timeout';
  const send: CallEffect = {
    type: 'send',
    event: 'call:device-failed',
    payload: { sessionId: sid(ctx), stage: ctx.stage, reason },
  };
  return finish({ ...ctx, deviceFailure: reason }, CallState.FAILED, 'device-unavailable', [send]);
}

/** call:resume found no session for us: it ended while we were offline. */
export function endedWhileOffline(ctx: CallContext): Step {
  const error = { code: 'disconnected', message: 'The call ended while you were offline.' } as const;
  return finish({ ...ctx, error }, CallState.FAILED, 'peer-disconnected', []);
}

/** A rejoin without the stage's prepare cannot start media: leave cleanly rather than hang in the gate. */
export function cannotRejoin(ctx: CallContext): Step {
  const error = { code: 'wrong-state', message: 'The call could not be rejoined.' } as const;
  const send: CallEffect = { type: 'send', event: 'call:leave', payload: { sessionId: sid(ctx) } };
  return finish({ ...ctx, error }, CallState.FAILED, 'hung-up', [send]);
}
