/** The data kept beside the state. Plain, serialisable, replaced (never mutated) by transitions. */
import type { CallPrepare, DeviceFailure, EndReason, ErrorBody, PublicUser, SessionKind, StageMedia } from '@flint/shared';
import { CallState } from './states.ts';

/** Why the call is RECONNECTING; it returns when every cause is gone. */
export interface LostLinks {
  socket: boolean;
  peer: boolean;
  media: boolean;
}

export interface CallContext {
  sessionId: string | null;
  kind: SessionKind | null;
  role: 'caller' | 'callee' | null;
  matchId: string | null;
  /** 1-based; 0 before the first call:prepare. */
  stage: number;
  stages: number;
  media: StageMedia | null;
  /** The current stage's prepare: what startMedia needs once the gate passes. */
  prepare: CallPrepare | null;
  peer: PublicUser | null;
  ringEndsAt: string | null;
  /** Set while the current stage runs (also when rejoining a stage that already started). */
  endsAt: string | null;
  decisionEndsAt: string | null;
  myVote: boolean | null;
  peerDecided: boolean;
  /** What the next stage needs if both say yes (call:stage-ended; stage 1's from call:invite), null if unknown. */
  nextMedia: StageMedia | null;
  /** While dialing: the callee was rung in an app that cannot show calls (it still rings their other devices). */
  peerUnavailable: boolean;
  conversationId: string | null;
  endReason: EndReason | null;
  deviceFailure: DeviceFailure | null;
  error: ErrorBody | null;
  lost: LostLinks;
  /** The state an outage interrupted, while RECONNECTING. */
  interrupted: CallState | null;
}

export const NO_LOSS: LostLinks = { socket: false, peer: false, media: false };

export const initialContext: CallContext = {
  sessionId: null,
  kind: null,
  role: null,
  matchId: null,
  stage: 0,
  stages: 0,
  media: null,
  prepare: null,
  peer: null,
  ringEndsAt: null,
  endsAt: null,
  decisionEndsAt: null,
  myVote: null,
  peerDecided: false,
  nextMedia: null,
  peerUnavailable: false,
  conversationId: null,
  endReason: null,
  deviceFailure: null,
  error: null,
  lost: NO_LOSS,
  interrupted: null,
};

export interface CallSnapshot {
  state: CallState;
  context: CallContext;
}

export const initialSnapshot: CallSnapshot = { state: CallState.IDLE, context: initialContext };
