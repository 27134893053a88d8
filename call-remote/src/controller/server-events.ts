/**
 * Server → client `call:*` events as FSM events, one row per wire event (ARCHITECTURE §6). The FSM
 * drops anything for another session or stage, so rows translate and never filter. Each row's
 * payload type comes from the contract by its event name.
 * Not here: `call:signal` goes to the media engine, and `call:peer-state` (which also carries the
 * peer's microphone and camera) is subscribed by the controller itself.
 */
import { type PushPayload, ServerEvent, type ServerEventName } from '@flint/shared';
import type { CallEvent } from '../fsm/index.ts';
import type { RealtimePort } from './ports.ts';

/** Subscribes one row: returns the unsubscribe. */
export type ServerEventRow = (realtime: RealtimePort, dispatch: (event: CallEvent) => void) => () => void;

const row =
  <E extends ServerEventName>(event: E, toEvent: (payload: PushPayload<E>) => CallEvent): ServerEventRow =>
  (realtime, dispatch) =>
    realtime.subscribe(event, (payload) => dispatch(toEvent(payload)));

export const SERVER_EVENTS: readonly ServerEventRow[] = [
  row(ServerEvent.CALL_INVITE, (invite) => ({ type: 'INVITED', invite })),
  row(ServerEvent.CALL_CANCELLED, ({ sessionId }) => ({ type: 'CANCELLED', sessionId })),
  row(ServerEvent.CALL_ANSWERED_ELSEWHERE, ({ sessionId }) => ({ type: 'ANSWERED_ELSEWHERE', sessionId })),
  row(ServerEvent.CALL_MATCHED, (matched) => ({ type: 'MATCHED', matched })),
  row(ServerEvent.CALL_PREPARE, (prepare) => ({ type: 'PREPARE', prepare })),
  row(ServerEvent.CALL_STAGE_STARTED, (e) => ({ type: 'STAGE_STARTED', ...e })),
  row(ServerEvent.CALL_STAGE_ENDED, (e) => ({ type: 'STAGE_ENDED', ...e })),
  row(ServerEvent.CALL_PEER_DECIDED, (e) => ({ type: 'PEER_DECIDED', ...e })),
  row(ServerEvent.CALL_ENDED, (ended) => ({ type: 'ENDED', ended })),
  row(ServerEvent.CALL_PEER_UNAVAILABLE, ({ sessionId }) => ({ type: 'PEER_UNAVAILABLE', sessionId })),
];
