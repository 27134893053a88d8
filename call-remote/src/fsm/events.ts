/**
 * Everything that can happen to the client's call, as one discriminated union. The controller
 * turns user intents, server events (1:1 with the wire protocol), gate results, media engine
 * and socket changes into these; the FSM never sees a DOM event or a socket.
 */
import type {
  CallEnded,
  CallInvite,
  CallMatched,
  CallPrepare,
  CallSessionView,
  DeviceFailure,
  ErrorCode,
  SessionKind,
  StageMedia,
} from '@flint/shared';

/** What the user asked for. */
export type UserEvent =
  | { type: 'START'; matchId: string; kind: SessionKind }
  | { type: 'ACCEPT' }
  | { type: 'DECLINE' }
  | { type: 'VOTE'; proceed: boolean }
  | { type: 'HANG_UP' }
  | { type: 'RETRY_DEVICES' }
  /** Leave the FINISHED/FAILED summary. */
  | { type: 'DISMISS' };

/** Server facts, one per server→client event (plus the call:request and call:resume acks). */
export type ServerEvent =
  | { type: 'INVITED'; invite: CallInvite }
  | { type: 'REQUEST_ACKED'; sessionId: string }
  | { type: 'REQUEST_FAILED'; code: ErrorCode; message: string }
  | { type: 'MATCHED'; matched: CallMatched }
  | { type: 'PREPARE'; prepare: CallPrepare }
  | { type: 'STAGE_STARTED'; sessionId: string; stage: number; endsAt: string }
  | { type: 'STAGE_ENDED'; sessionId: string; stage: number; decisionEndsAt: string; nextMedia?: StageMedia | null }
  | { type: 'PEER_DECIDED'; sessionId: string; stage: number }
  | { type: 'ENDED'; ended: CallEnded }
  | { type: 'PEER_STATE'; sessionId: string; connected: boolean }
  | { type: 'CANCELLED'; sessionId: string }
  | { type: 'ANSWERED_ELSEWHERE'; sessionId: string }
  /** The callee's app cannot show calls right now (their call remote did not load); it keeps ringing. */
  | { type: 'PEER_UNAVAILABLE'; sessionId: string }
  /** The call:resume result: the session as the server sees it, or null when there is none. */
  | { type: 'RESUMED'; view: CallSessionView | null };

/** Hardware gate results (the gate answers for the stage it was asked to check). */
export type GateEvent =
  | { type: 'DEVICES_OK'; stage: number }
  | { type: 'DEVICES_FAILED'; stage: number; reason: DeviceFailure }
  /** The `gate` timer fired: the user could not fix the devices in time. */
  | { type: 'GATE_TIMEOUT' };

/** MEDIA_FAILED: the engine found no path to the peer in a running stage (reported; the server ends it). */
export type MediaEvent = { type: 'MEDIA_CONNECTED' } | { type: 'MEDIA_LOST' } | { type: 'MEDIA_FAILED' };

export type SocketEvent = { type: 'SOCKET_DOWN' } | { type: 'SOCKET_UP' };

export type CallEvent = UserEvent | ServerEvent | GateEvent | MediaEvent | SocketEvent;
export type CallEventType = CallEvent['type'];
export type EventOf<T extends CallEventType> = Extract<CallEvent, { type: T }>;

/** A record, not a list, so the compiler proves every event type is here. */
const EVENT_TYPES: Record<CallEventType, true> = {
  START: true,
  ACCEPT: true,
  DECLINE: true,
  VOTE: true,
  HANG_UP: true,
  RETRY_DEVICES: true,
  DISMISS: true,
  INVITED: true,
  REQUEST_ACKED: true,
  REQUEST_FAILED: true,
  MATCHED: true,
  PREPARE: true,
  STAGE_STARTED: true,
  STAGE_ENDED: true,
  PEER_DECIDED: true,
  ENDED: true,
  PEER_STATE: true,
  CANCELLED: true,
  ANSWERED_ELSEWHERE: true,
  PEER_UNAVAILABLE: true,
  RESUMED: true,
  DEVICES_OK: true,
  DEVICES_FAILED: true,
  GATE_TIMEOUT: true,
  MEDIA_CONNECTED: true,
  MEDIA_LOST: true,
  MEDIA_FAILED: true,
  SOCKET_DOWN: true,
  SOCKET_UP: true,
};
/** Every event type, for exhaustive tests and for logging. */
export const CALL_EVENT_TYPES = Object.keys(EVENT_TYPES) as CallEventType[];

/**
 * The session an event belongs to, for events that only make sense inside the current session.
 * `undefined` for events that are not bound to one (user intents, new-session events, gate...).
 */
export function boundSessionOf(event: CallEvent): string | undefined {
  switch (event.type) {
    case 'PREPARE':
      return event.prepare.sessionId;
    case 'ENDED':
      return event.ended.sessionId;
    case 'STAGE_STARTED':
    case 'STAGE_ENDED':
    case 'PEER_DECIDED':
    case 'PEER_STATE':
    case 'CANCELLED':
    case 'ANSWERED_ELSEWHERE':
    case 'PEER_UNAVAILABLE':
      return event.sessionId;
    default:
      return undefined;
  }
}
