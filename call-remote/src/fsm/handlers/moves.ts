/**
 * Entries into a state that several rows share (the gate, a stage, an intermission, an outage),
 * so every way into a state sets up the same context and effects.
 */
import type { CallPrepare, StageMedia } from '@flint/shared';
import { type CallContext, type LostLinks, NO_LOSS } from '../context.ts';
import { type CallEffect, GATE_TIMEOUT_MS, type TimerName } from '../effects.ts';
import { CallState } from '../states.ts';
import { announce, type Step, sid, step } from './step.ts';

/** A call:prepare opens the gate for its stage: CHECKING_DEVICES first, NEXT_STAGE after a "yes". */
export function enterGate(
  ctx: CallContext,
  prepare: CallPrepare,
  state: typeof CallState.CHECKING_DEVICES | typeof CallState.NEXT_STAGE,
  ...first: CallEffect[]
): Step {
  const context: CallContext = {
    ...ctx,
    stage: prepare.stage,
    stages: prepare.stages,
    media: prepare.media,
    prepare,
    conversationId: prepare.conversationId ?? ctx.conversationId,
    peer: prepare.peer ?? ctx.peer,
    endsAt: null,
    decisionEndsAt: null,
    myVote: null,
    peerDecided: false,
    nextMedia: null,
    deviceFailure: null,
  };
  const key = state === CallState.NEXT_STAGE ? 'call.nextStage' : 'call.checkingDevices';
  return step(
    state,
    context,
    ...first,
    announce(key, { stage: prepare.stage }),
    { type: 'runGate', stage: prepare.stage, media: prepare.media },
    { type: 'startTimer', name: 'gate', afterMs: GATE_TIMEOUT_MS },
  );
}

export function toStage(ctx: CallContext, endsAt: string): Step {
  return step(
    CallState.STAGE_ACTIVE,
    { ...ctx, endsAt, lost: NO_LOSS, interrupted: null },
    { type: 'startTimer', name: 'stage', at: endsAt },
    announce('call.stageStarted', { stage: ctx.stage }),
  );
}

/** The stage is over: stop local tracks (nothing is sent) and count down the decision. */
export function toIntermission(ctx: CallContext, decisionEndsAt: string, clear: TimerName, nextMedia: StageMedia | null = null): Step {
  const context: CallContext = {
    ...ctx,
    endsAt: null,
    decisionEndsAt,
    myVote: null,
    peerDecided: false,
    nextMedia,
    lost: NO_LOSS,
    interrupted: null,
  };
  return step(
    CallState.INTERMISSION,
    context,
    { type: 'clearTimer', name: clear },
    { type: 'stopLocalMedia' },
    { type: 'startTimer', name: 'decision', at: decisionEndsAt },
    announce('call.intermission', { next: ctx.stage + 1 }),
  );
}

/** Something broke from `from`: go RECONNECTING, remembering why and what was interrupted. */
export const lose =
  (from: CallState, cause: keyof LostLinks) =>
  (ctx: CallContext): Step =>
    step(CallState.RECONNECTING, { ...ctx, lost: { ...ctx.lost, [cause]: true }, interrupted: from }, announce('call.reconnecting'));

/**
 * Our media path dropped (up: false) or came back in the running stage: the server pauses the stage
 * clock meanwhile, as while a socket is away, and tells both the shifted end when it is back.
 */
export const mediaPath = (ctx: CallContext, up: boolean): CallEffect => ({
  type: 'send',
  event: 'call:media-path',
  payload: { sessionId: sid(ctx), stage: ctx.stage, up },
});

/** A running stage's media dropped: RECONNECTING, and the server pauses the stage clock. */
export const loseMedia = (ctx: CallContext): Step => {
  const lost = lose(CallState.STAGE_ACTIVE, 'media')(ctx);
  return { ...lost, effects: [mediaPath(ctx, false), ...lost.effects] };
};

/**
 * The engine found no path to the peer: report it; the server ends the session for both
 * (`media-failed`) and its call:ended moves us. Not while our socket or the peer is away (the
 * reconnect grace decides then), and not before a stage was prepared.
 */
export const reportMediaFailed =
  (state: CallState) =>
  (ctx: CallContext): Step | null =>
    ctx.stage === 0 || ctx.lost.socket || ctx.lost.peer
      ? null
      : step(state, ctx, { type: 'send', event: 'call:media-failed', payload: { sessionId: sid(ctx), stage: ctx.stage } });
