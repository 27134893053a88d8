/**
 * Restoring the call from the server's view (the call:resume answer), after a reload (from IDLE)
 * or an outage (from the interrupted state). The server is the truth; what the client still holds
 * (running media, a gate in progress) is reused only when the view says it is the same stage.
 */
import { type CallSessionView, SessionState } from '@flint/shared';
import { type CallContext, type LostLinks, NO_LOSS } from '../context.ts';
import { CallState } from '../states.ts';
import { cannotRejoin } from './ending.ts';
import { enterGate, toIntermission } from './moves.ts';
import { announce, type Step, step } from './step.ts';

/** The gate for a stage we are (re)joining; a running stage keeps its end time for the rejoin. */
function rejoinGate(ctx: CallContext, endsAt: string | null): Step {
  if (!ctx.prepare || ctx.prepare.stage !== ctx.stage) return cannotRejoin(ctx);
  const gate = enterGate(ctx, ctx.prepare, CallState.CHECKING_DEVICES);
  return { ...gate, context: { ...gate.context, endsAt } };
}

/** `null` when the view holds no live session (ended or unknown): the caller decides what that means. */
export function fromView(view: CallSessionView, ctx: CallContext, from: CallState | null): Step | null {
  const same = ctx.sessionId === view.sessionId && ctx.stage === view.stage;
  const base: CallContext = {
    ...ctx,
    sessionId: view.sessionId,
    kind: view.kind,
    role: view.role ?? ctx.role,
    stage: view.stage,
    stages: view.stages,
    media: view.media,
    prepare: view.prepare ?? (same ? ctx.prepare : null),
    peer: view.peer,
    conversationId: view.conversationId,
    endsAt: view.endsAt,
    decisionEndsAt: view.decisionEndsAt,
    myVote: view.myVote,
    peerDecided: same && ctx.peerDecided,
    deviceFailure: null,
    lost: NO_LOSS,
    interrupted: null,
  };
  switch (view.state) {
    case SessionState.RINGING:
      return base.role === 'callee'
        ? step(CallState.RINGING, base, announce('call.incoming', { name: view.peer.displayName }))
        : step(CallState.DIALING, base);
    case SessionState.PREPARING:
      // Interrupted after the gate passed: the gate result stands, but call:ready may have been lost.
      return same && from === CallState.CONNECTING
        ? step(CallState.CONNECTING, base, {
            type: 'send',
            event: 'call:ready',
            payload: { sessionId: view.sessionId, stage: view.stage },
          })
        : rejoinGate(base, null);
    case SessionState.ACTIVE:
      if (view.endsAt && same && (from === CallState.STAGE_ACTIVE || from === CallState.CONNECTING)) {
        return stillRunning(base, view.endsAt, { socket: false, peer: !view.peerConnected, media: ctx.lost.media });
      }
      return rejoinGate(base, view.endsAt);
    case SessionState.INTERMISSION:
      return view.decisionEndsAt ? toIntermission(base, view.decisionEndsAt, 'stage') : null;
    default:
      return null;
  }
}

/** Media was up before the outage: carry on, still RECONNECTING if the peer or media is not back. */
function stillRunning(ctx: CallContext, endsAt: string, lost: LostLinks): Step {
  const timer = { type: 'startTimer', name: 'stage', at: endsAt } as const;
  if (!lost.peer && !lost.media) {
    return step(CallState.STAGE_ACTIVE, { ...ctx, endsAt }, timer, announce('call.reconnected'));
  }
  return step(CallState.RECONNECTING, { ...ctx, endsAt, lost, interrupted: CallState.STAGE_ACTIVE }, timer);
}
