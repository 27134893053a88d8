/** RINGING (incoming) and DIALING (outgoing, or a live pairing waiting for its first prepare). */
import type { EndReason } from '@flint/shared';
import { type CallContext, initialContext } from '../context.ts';
import type { EventOf } from '../events.ts';
import { CallState } from '../states.ts';
import { endedEffect, endFromServer, leave } from './ending.ts';
import { enterGate, lose } from './moves.ts';
import { fromView } from './resume.ts';
import { announce, type StateHandlers, type Step, sid, step } from './step.ts';

/**
 * A ringing invite ends straight back in IDLE (no summary screen for a call that never began),
 * still with its one emitEnded so the host can route or notify.
 */
const stopRinging = (ctx: CallContext, reason: EndReason, conversationId = ctx.conversationId): Step =>
  step(
    CallState.IDLE,
    initialContext,
    { type: 'clearTimer', name: 'ring' },
    ...(reason === 'declined' ? [] : [announce('call.missed')]),
    endedEffect({ ...ctx, conversationId }, reason),
  );

const decline = (ctx: CallContext): Step => {
  const done = stopRinging(ctx, 'declined');
  const respond = { type: 'send', event: 'call:respond', payload: { sessionId: sid(ctx), accept: false } } as const;
  return { ...done, effects: [respond, ...done.effects] };
};

export const ringingHandlers: StateHandlers = {
  /** Accepted: CONNECTING (stage 0) until the server's first call:prepare opens the gate. */
  /**
   * Stage 0 = "accepted, not prepared yet", whatever the ring came from: a ring restored from the
   * resume view carries the session's stage 1, and CONNECTING would then ignore the first prepare.
   */
  ACCEPT: (ctx) =>
    step(
      CallState.CONNECTING,
      { ...ctx, stage: 0 },
      { type: 'clearTimer', name: 'ring' },
      { type: 'send', event: 'call:respond', payload: { sessionId: sid(ctx), accept: true } },
      // Accepting is the decision: stage 1's devices are asked for now, in parallel with the prepare.
      ...(ctx.nextMedia ? [{ type: 'warmGate', stage: 1, media: ctx.nextMedia } as const] : []),
      announce('call.connecting'),
    ),
  DECLINE: decline,
  HANG_UP: decline,
  CANCELLED: (ctx) => stopRinging(ctx, 'cancelled'),
  ENDED: (ctx, { ended }) => stopRinging(ctx, ended.reason, ended.conversationId),
  /** Another tab of the same user took the call: this one just stops ringing, the session lives on. */
  ANSWERED_ELSEWHERE: () => step(CallState.IDLE, initialContext, { type: 'clearTimer', name: 'ring' }),
  SOCKET_DOWN: lose(CallState.RINGING, 'socket'),
};

/**
 * `startSession(id, 'live')` asked the server for the live pairing `id` (call:resume): join it as the
 * server sees it, or fail when there is no such live date of ours. Only an attach waits for this
 * answer (a live DIALING entered from call:matched already knows its peer).
 */
const attached = (ctx: CallContext, { view }: EventOf<'RESUMED'>): Step | null => {
  if (ctx.kind !== 'live' || ctx.peer !== null) return null;
  const joined = view?.kind === 'live' && view.sessionId === ctx.sessionId ? fromView(view, ctx, null) : null;
  return (
    joined ??
    step(
      CallState.FAILED,
      { ...ctx, sessionId: null, error: { code: 'not-found', message: 'There is no live date with this id for you.' } },
      announce('call.failed'),
    )
  );
};

export const dialingHandlers: StateHandlers = {
  REQUEST_ACKED: (ctx, e) => (ctx.sessionId === null ? step(CallState.DIALING, { ...ctx, sessionId: e.sessionId }) : null),
  /** No session was created, so there is nothing to end: the summary shows the error, no emitEnded. */
  REQUEST_FAILED: (ctx, e) =>
    ctx.sessionId === null
      ? step(CallState.FAILED, { ...ctx, error: { code: e.code, message: e.message } }, announce('call.failed'))
      : null,
  PREPARE: (ctx, { prepare }) => enterGate(ctx, prepare, CallState.CHECKING_DEVICES),
  ENDED: (ctx, { ended }) => endFromServer(ctx, ended),
  /**
   * Cancelling needs the session id; until the request is acked (milliseconds) there is nothing
   * to cancel, so the row is guarded and the UI keeps "Cancel" disabled until then.
   */
  HANG_UP: (ctx) => (ctx.sessionId === null ? null : leave(ctx, 'cancelled')),
  SOCKET_DOWN: (ctx) => (ctx.sessionId === null ? null : lose(CallState.DIALING, 'socket')(ctx)),
  /** Said once: the invite keeps ringing the callee's other devices, so the caller keeps waiting. */
  PEER_UNAVAILABLE: (ctx) =>
    ctx.peerUnavailable ? null : step(CallState.DIALING, { ...ctx, peerUnavailable: true }, announce('call.peerUnavailable')),
  RESUMED: attached,
};
