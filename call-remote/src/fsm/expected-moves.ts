/**
 * The allowed moves, written out by hand (independently of the TABLE): fixture, event type, next
 * state, and the exact effect types in order. Any (fixture, event) pair absent here must be ignored.
 * `esc` abbreviates emitStateChange; END is what every ending does.
 */
import type { CallEffectType } from './effects.ts';
import type { CallEventType } from './events.ts';
import type { CallState } from './states.ts';
import type { FixtureName } from './test-fixtures.ts';

export type Move = [FixtureName, CallEventType, CallState, string];

const END = 'closeMedia clearTimers announce emitEnded esc';
const TO_GATE = 'announce runGate startTimer esc';
const TO_INTERMISSION = 'clearTimer stopLocalMedia startTimer announce esc';
const TO_RECONNECTING = 'announce esc';
const TO_CONNECTING = 'clearTimer send startMedia announce esc';

const endings = (f: FixtureName): Move[] => [
  [f, 'ENDED', 'FINISHED', END],
  [f, 'HANG_UP', 'FINISHED', `send ${END}`],
];

const summary = (f: FixtureName): Move[] => [
  [f, 'START', 'DIALING', 'send announce esc'],
  [f, 'INVITED', 'RINGING', 'startTimer announce esc'],
  [f, 'MATCHED', 'DIALING', 'announce esc'],
];

export const MOVES: Move[] = [
  ...summary('idle'),
  ['idle', 'SOCKET_UP', 'IDLE', 'resume'],
  ['idle', 'RESUMED', 'CHECKING_DEVICES', TO_GATE],

  ['ringing', 'ACCEPT', 'CONNECTING', 'clearTimer send announce esc'],
  ['ringing', 'DECLINE', 'IDLE', 'send clearTimer emitEnded esc'],
  ['ringing', 'HANG_UP', 'IDLE', 'send clearTimer emitEnded esc'],
  ['ringing', 'CANCELLED', 'IDLE', 'clearTimer announce emitEnded esc'],
  ['ringing', 'ENDED', 'IDLE', 'clearTimer announce emitEnded esc'],
  ['ringing', 'ANSWERED_ELSEWHERE', 'IDLE', 'clearTimer esc'],
  ['ringing', 'SOCKET_DOWN', 'RECONNECTING', TO_RECONNECTING],

  ['dialingUnacked', 'REQUEST_ACKED', 'DIALING', 'esc'],
  ['dialingUnacked', 'REQUEST_FAILED', 'FAILED', 'announce esc'],
  ['dialing', 'PREPARE', 'CHECKING_DEVICES', TO_GATE],
  ['dialing', 'ENDED', 'FINISHED', END],
  ['dialing', 'HANG_UP', 'FINISHED', `send ${END}`],
  ['dialing', 'SOCKET_DOWN', 'RECONNECTING', TO_RECONNECTING],
  ['dialing', 'PEER_UNAVAILABLE', 'DIALING', 'announce'],
  ['dialingTold', 'PREPARE', 'CHECKING_DEVICES', TO_GATE],
  ['dialingTold', 'ENDED', 'FINISHED', END],
  ['dialingTold', 'HANG_UP', 'FINISHED', `send ${END}`],
  ['dialingTold', 'SOCKET_DOWN', 'RECONNECTING', TO_RECONNECTING],

  ['attaching', 'RESUMED', 'FAILED', 'announce esc'],
  ['attaching', 'PREPARE', 'CHECKING_DEVICES', TO_GATE],
  ['attaching', 'ENDED', 'FINISHED', END],
  ['attaching', 'HANG_UP', 'FINISHED', `send ${END}`],
  ['attaching', 'SOCKET_DOWN', 'RECONNECTING', TO_RECONNECTING],
  ['attaching', 'PEER_UNAVAILABLE', 'DIALING', 'announce'],

  ...(['checking', 'checkingFailed'] as const).flatMap((f): Move[] => [
    [f, 'DEVICES_OK', 'CONNECTING', TO_CONNECTING],
    [f, 'DEVICES_FAILED', 'CHECKING_DEVICES', 'announce'],
    [f, 'GATE_TIMEOUT', 'FAILED', `send ${END}`],
    [f, 'ENDED', 'FINISHED', END],
    [f, 'STAGE_ENDED', 'INTERMISSION', TO_INTERMISSION],
    [f, 'SOCKET_DOWN', 'RECONNECTING', TO_RECONNECTING],
  ]),
  ['checking', 'HANG_UP', 'FINISHED', `send ${END}`],
  ['checkingFailed', 'HANG_UP', 'FAILED', `send ${END}`],
  ['checkingFailed', 'RETRY_DEVICES', 'CHECKING_DEVICES', 'runGate'],

  ...endings('connecting'),
  ['connecting', 'STAGE_STARTED', 'STAGE_ACTIVE', 'startTimer announce esc'],
  ['connecting', 'STAGE_ENDED', 'INTERMISSION', TO_INTERMISSION],
  ['connecting', 'SOCKET_DOWN', 'RECONNECTING', TO_RECONNECTING],
  ['connecting', 'MEDIA_FAILED', 'CONNECTING', 'send'],
  ...endings('connectingAccepted'),
  ['connectingAccepted', 'PREPARE', 'CHECKING_DEVICES', TO_GATE],
  ['connectingAccepted', 'SOCKET_DOWN', 'RECONNECTING', TO_RECONNECTING],
  ...endings('connectingRejoin'),
  ['connectingRejoin', 'MEDIA_CONNECTED', 'STAGE_ACTIVE', 'startTimer announce esc'],
  ['connectingRejoin', 'STAGE_STARTED', 'STAGE_ACTIVE', 'startTimer announce esc'],
  ['connectingRejoin', 'STAGE_ENDED', 'INTERMISSION', TO_INTERMISSION],
  ['connectingRejoin', 'SOCKET_DOWN', 'RECONNECTING', TO_RECONNECTING],
  ['connectingRejoin', 'MEDIA_FAILED', 'CONNECTING', 'send'],

  ...endings('active'),
  ['active', 'STAGE_ENDED', 'INTERMISSION', TO_INTERMISSION],
  ['active', 'PEER_STATE', 'RECONNECTING', TO_RECONNECTING],
  ['active', 'MEDIA_LOST', 'RECONNECTING', `send ${TO_RECONNECTING}`],
  ['active', 'SOCKET_DOWN', 'RECONNECTING', TO_RECONNECTING],
  ['active', 'MEDIA_FAILED', 'STAGE_ACTIVE', 'send'],

  ...endings('reconnectingSocket'),
  ['reconnectingSocket', 'SOCKET_UP', 'RECONNECTING', 'resume'],
  ['reconnectingSocket', 'RESUMED', 'STAGE_ACTIVE', 'startTimer announce esc'],
  ['reconnectingSocket', 'MEDIA_LOST', 'RECONNECTING', ''],
  ...endings('reconnectingPeer'),
  ['reconnectingPeer', 'PEER_STATE', 'STAGE_ACTIVE', 'announce esc'],
  ['reconnectingPeer', 'SOCKET_DOWN', 'RECONNECTING', ''],
  ['reconnectingPeer', 'MEDIA_LOST', 'RECONNECTING', 'send'],
  ['reconnectingPeer', 'STAGE_ENDED', 'INTERMISSION', TO_INTERMISSION],

  ...endings('intermission'),
  ['intermission', 'VOTE', 'INTERMISSION', 'send announce'],
  ['intermission', 'PEER_DECIDED', 'INTERMISSION', 'announce'],
  ['intermission', 'PREPARE', 'NEXT_STAGE', `clearTimer ${TO_GATE}`],
  ['intermission', 'SOCKET_DOWN', 'RECONNECTING', TO_RECONNECTING],

  ...endings('nextStage'),
  ['nextStage', 'DEVICES_OK', 'CONNECTING', TO_CONNECTING],
  ['nextStage', 'DEVICES_FAILED', 'CHECKING_DEVICES', 'announce esc'],
  ['nextStage', 'GATE_TIMEOUT', 'FAILED', `send ${END}`],
  ['nextStage', 'SOCKET_DOWN', 'RECONNECTING', TO_RECONNECTING],

  ...(['finished', 'failed'] as const).flatMap((f): Move[] => [...summary(f), [f, 'DISMISS', 'IDLE', 'esc']]),
];

/** Expands the shorthand into exact effect types. */
export const effectTypes = (spec: string): CallEffectType[] =>
  spec
    .split(' ')
    .filter(Boolean)
    .map((t) => (t === 'esc' ? 'emitStateChange' : (t as CallEffectType)));
