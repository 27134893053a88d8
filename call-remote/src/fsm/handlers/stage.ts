/** CONNECTING, STAGE_ACTIVE and INTERMISSION: a stage running and the decision after it. */
import type { CallContext } from '../context.ts';
import type { CallEffect } from '../effects.ts';
import { CallState } from '../states.ts';
import { endFromServer, leave } from './ending.ts';
import { enterGate, lose, loseMedia, reportMediaFailed, toIntermission, toStage } from './moves.ts';
import { announce, type StateHandlers, sid, step } from './step.ts';

/**
 * This side said yes and the other person has decided: the decision is taken (the server's
 * prepare or call:ended is on its way). The next stage's devices are asked for now, in parallel.
 */
const warmNext = (ctx: CallContext): CallEffect[] =>
  ctx.myVote === true && ctx.peerDecided && ctx.nextMedia ? [{ type: 'warmGate', stage: ctx.stage + 1, media: ctx.nextMedia }] : [];

const ending = {
  ENDED: (ctx, { ended }) => endFromServer(ctx, ended),
  HANG_UP: (ctx: CallContext) => leave(ctx),
} satisfies StateHandlers;

export const connectingHandlers: StateHandlers = {
  ...ending,
  /** Stage 0 means "accepted, not prepared yet": the first prepare opens the gate. */
  PREPARE: (ctx, { prepare }) => (ctx.stage === 0 ? enterGate(ctx, prepare, CallState.CHECKING_DEVICES) : null),
  STAGE_STARTED: (ctx, e) => (ctx.stage > 0 && e.stage === ctx.stage ? toStage(ctx, e.endsAt) : null),
  /** Rejoining a stage that already started: no stage-started will come, media connecting is the cue. */
  MEDIA_CONNECTED: (ctx) => (ctx.endsAt === null ? null : toStage(ctx, ctx.endsAt)),
  STAGE_ENDED: (ctx, e) => (ctx.stage > 0 && e.stage === ctx.stage ? toIntermission(ctx, e.decisionEndsAt, 'stage', e.nextMedia) : null),
  SOCKET_DOWN: lose(CallState.CONNECTING, 'socket'),
  MEDIA_FAILED: reportMediaFailed(CallState.CONNECTING),
};

/**
 * The same stage "started" again: the server shifted the deadline after the peer's pause and
 * resume. Only the countdown moves; a repeat with the same deadline is a duplicate and ignored.
 */
export const shiftStageEnd = (state: CallState) => (ctx: CallContext, e: { stage: number; endsAt: string }) =>
  e.stage !== ctx.stage || e.endsAt === ctx.endsAt
    ? null
    : step(state, { ...ctx, endsAt: e.endsAt }, { type: 'startTimer', name: 'stage', at: e.endsAt });

export const activeHandlers: StateHandlers = {
  ...ending,
  STAGE_STARTED: shiftStageEnd(CallState.STAGE_ACTIVE),
  STAGE_ENDED: (ctx, e) => (e.stage === ctx.stage ? toIntermission(ctx, e.decisionEndsAt, 'stage', e.nextMedia) : null),
  PEER_STATE: (ctx, e) => (e.connected ? null : lose(CallState.STAGE_ACTIVE, 'peer')(ctx)),
  MEDIA_LOST: loseMedia,
  MEDIA_FAILED: reportMediaFailed(CallState.STAGE_ACTIVE),
  SOCKET_DOWN: lose(CallState.STAGE_ACTIVE, 'socket'),
};

export const intermissionHandlers: StateHandlers = {
  ...ending,
  /** One vote per stage; the answer is revealed by the server (next prepare, or call:ended). */
  VOTE: (ctx, e) =>
    ctx.myVote !== null
      ? null
      : step(
          CallState.INTERMISSION,
          { ...ctx, myVote: e.proceed },
          {
            type: 'send',
            event: 'call:vote',
            payload: { sessionId: sid(ctx), stage: ctx.stage, proceed: e.proceed },
          },
          ...warmNext({ ...ctx, myVote: e.proceed }),
          announce('call.voteSent'),
        ),
  PEER_DECIDED: (ctx, e) =>
    e.stage !== ctx.stage || ctx.peerDecided
      ? null
      : step(
          CallState.INTERMISSION,
          { ...ctx, peerDecided: true },
          ...warmNext({ ...ctx, peerDecided: true }),
          announce('call.peerDecided'),
        ),
  /** The next stage's prepare is the server saying "both said yes". */
  PREPARE: (ctx, { prepare }) =>
    prepare.stage === ctx.stage + 1 ? enterGate(ctx, prepare, CallState.NEXT_STAGE, { type: 'clearTimer', name: 'decision' }) : null,
  SOCKET_DOWN: lose(CallState.INTERMISSION, 'socket'),
};
