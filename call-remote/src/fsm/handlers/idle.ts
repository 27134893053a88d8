/** IDLE and the FINISHED/FAILED summaries: where a new session begins. */
import { type CallContext, initialContext } from '../context.ts';
import type { EventOf } from '../events.ts';
import { CallState } from '../states.ts';
import { fromView } from './resume.ts';
import { announce, type StateHandlers, type Step, step } from './step.ts';

/**
 * `staged` calls the other person of the match (call:request). `live` attaches to the live pairing
 * with that id (the sessionId of `queue:join`'s `matched` ack or of `call:matched`): the server's
 * view of it (call:resume) decides where to join, and nobody is rung.
 */
const start = (_: CallContext, e: EventOf<'START'>): Step =>
  e.kind === 'live'
    ? step(CallState.DIALING, { ...initialContext, sessionId: e.matchId, kind: 'live' }, { type: 'resume', sessionId: e.matchId })
    : step(
        CallState.DIALING,
        { ...initialContext, matchId: e.matchId, kind: e.kind, role: 'caller' },
        { type: 'send', event: 'call:request', payload: { matchId: e.matchId } },
        announce('call.dialing'),
      );

const invited = (_: CallContext, { invite }: EventOf<'INVITED'>): Step =>
  step(
    CallState.RINGING,
    {
      ...initialContext,
      sessionId: invite.sessionId,
      kind: invite.kind,
      role: 'callee',
      matchId: invite.matchId,
      peer: invite.from,
      ringEndsAt: invite.ringEndsAt,
      conversationId: invite.conversationId ?? null,
      nextMedia: invite.media ?? null,
    },
    { type: 'startTimer', name: 'ring', at: invite.ringEndsAt },
    announce('call.incoming', { name: invite.from.displayName }),
  );

/** A live pairing: the server sends call:prepare next, so wait for it as a caller would. */
const matched = (_: CallContext, { matched: m }: EventOf<'MATCHED'>): Step =>
  step(
    CallState.DIALING,
    { ...initialContext, sessionId: m.sessionId, kind: m.kind, peer: m.peer },
    announce('call.matched', { name: m.peer.displayName }),
  );

const newSession = { START: start, INVITED: invited, MATCHED: matched } satisfies StateHandlers;

export const idleHandlers: StateHandlers = {
  ...newSession,
  /** Every (re)connection while idle asks the server whether we are in a session (a reload). */
  SOCKET_UP: (ctx) => step(CallState.IDLE, ctx, { type: 'resume', sessionId: null }),
  RESUMED: (ctx, { view }) => (view ? fromView(view, ctx, CallState.IDLE) : null),
};

/** The summary is passive: a new call may start from it, or the user dismisses it. */
export const summaryHandlers: StateHandlers = {
  ...newSession,
  DISMISS: () => step(CallState.IDLE, initialContext),
};
