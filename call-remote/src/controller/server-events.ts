/**
 * Server → client `call:*` events as FSM events, one row per wire event (ARCHITECTURE §6). The FSM
 * drops anything for another session or stage, so rows translate and never filter.
 * `call:signal` is not here: it goes to the media engine, not the FSM.
 */
import {
  type CallEnded,
  type CallInvite,
  type CallMatched,
  type CallPeerDecided,
  type CallPeerState,
  type CallPrepare,
  type CallSessionRef,
  type CallStageEnded,
  type CallStageStarted,
  ServerEvent,
  type ServerEventName,
} from '@flint/shared';
import type { CallEvent } from '../fsm/index.ts';

type Row<T> = readonly [ServerEventName, (payload: T) => CallEvent];
const row = <T>(event: ServerEventName, toEvent: (payload: T) => CallEvent): Row<unknown> => [event, toEvent] as Row<unknown>;

export const SERVER_EVENTS: readonly Row<unknown>[] = [
  row<CallInvite>(ServerEvent.CALL_INVITE, (invite) => ({ type: 'INVITED', invite })),
  row<CallSessionRef>(ServerEvent.CALL_CANCELLED, ({ sessionId }) => ({ type: 'CANCELLED', sessionId })),
  row<CallSessionRef>(ServerEvent.CALL_ANSWERED_ELSEWHERE, ({ sessionId }) => ({ type: 'ANSWERED_ELSEWHERE', sessionId })),
  row<CallMatched>(ServerEvent.CALL_MATCHED, (matched) => ({ type: 'MATCHED', matched })),
  row<CallPrepare>(ServerEvent.CALL_PREPARE, (prepare) => ({ type: 'PREPARE', prepare })),
  row<CallStageStarted>(ServerEvent.CALL_STAGE_STARTED, (e) => ({ type: 'STAGE_STARTED', ...e })),
  row<CallStageEnded>(ServerEvent.CALL_STAGE_ENDED, (e) => ({ type: 'STAGE_ENDED', ...e })),
  row<CallPeerDecided>(ServerEvent.CALL_PEER_DECIDED, (e) => ({ type: 'PEER_DECIDED', ...e })),
  row<CallEnded>(ServerEvent.CALL_ENDED, (ended) => ({ type: 'ENDED', ended })),
  row<CallPeerState>(ServerEvent.CALL_PEER_STATE, ({ sessionId, connected }) => ({
    type: 'PEER_STATE',
    sessionId,
    connected,
  })),
];
