/**
 * Test support for the FSM tests: realistic snapshots for every state, each reached by running
 * real events through `transition` from IDLE (so a fixture can never describe an unreachable
 * context), and one canonical, guard-passing event of each type for a given snapshot.
 */
import type { CallEnded, CallPrepare, CallSessionView, EndReason, PublicUser } from '@flint/shared';
import { type CallSnapshot, initialSnapshot } from './context.ts';
import type { CallEvent, CallEventType } from './events.ts';
import { transition } from './transition.ts';

export const S = '11111111-1111-4111-8111-111111111111';
export const OTHER = '22222222-2222-4222-8222-222222222222';
export const MATCH = '33333333-3333-4333-8333-333333333333';
export const CONVO = '44444444-4444-4444-8444-444444444444';

export const at = (minute: number): string => new Date(Date.UTC(2030, 0, 1, 0, minute)).toISOString();

export const peer: PublicUser = {
  id: '55555555-5555-4555-8555-555555555555',
  username: 'ben',
  displayName: 'Ben',
  bio: '',
  age: 30,
  role: 'user',
};

export const prepare = (stage: number, sessionId = S): CallPrepare => ({
  sessionId,
  stage,
  stages: 3,
  media: stage === 1 ? 'audio' : 'video',
  engine: 'webrtc',
  offerer: true,
  polite: false,
  iceServers: [],
  conversationId: CONVO,
});

export const ended = (reason: EndReason, sessionId = S, kind: 'staged' | 'live' = 'staged'): CallEnded => ({
  sessionId,
  kind,
  reason,
  conversationId: CONVO,
});

export const view = (over: Partial<CallSessionView> = {}): CallSessionView => ({
  sessionId: S,
  kind: 'staged',
  state: 'active',
  stage: 1,
  stages: 3,
  media: 'audio',
  peer,
  conversationId: CONVO,
  endsAt: at(3),
  decisionEndsAt: null,
  peerConnected: true,
  myVote: null,
  prepare: prepare(over.stage ?? 1, over.sessionId ?? S),
  ...over,
});

export const ev = {
  start: { type: 'START', matchId: MATCH, kind: 'staged' },
  invited: {
    type: 'INVITED',
    invite: { sessionId: S, kind: 'staged', from: peer, matchId: MATCH, ringEndsAt: at(1), conversationId: CONVO },
  },
  acked: { type: 'REQUEST_ACKED', sessionId: S },
  prepare: (stage: number, sessionId = S) => ({ type: 'PREPARE', prepare: prepare(stage, sessionId) }),
  ok: (stage: number) => ({ type: 'DEVICES_OK', stage }),
  started: (stage: number, sessionId = S) => ({ type: 'STAGE_STARTED', sessionId, stage, endsAt: at(stage * 10) }),
  stageEnded: (stage: number, sessionId = S) => ({
    type: 'STAGE_ENDED',
    sessionId,
    stage,
    decisionEndsAt: at(stage * 10 + 1),
  }),
  vote: (proceed: boolean) => ({ type: 'VOTE', proceed }),
  ended: (reason: EndReason, sessionId = S) => ({ type: 'ENDED', ended: ended(reason, sessionId) }),
} as const satisfies Record<string, CallEvent | ((...a: never[]) => CallEvent)>;

/** Runs events from a snapshot; throws if one is ignored, since a fixture path must be legal. */
export function run(events: readonly CallEvent[], from: CallSnapshot = initialSnapshot): CallSnapshot {
  return events.reduce<CallSnapshot>((snap, event) => {
    const result = transition(snap, event);
    if (result.ignored) throw new Error(`fixture path: ${event.type} ignored in ${snap.state}`);
    return { state: result.state, context: result.context };
  }, from);
}

const toActive = [ev.start, ev.acked, ev.prepare(1), ev.ok(1), ev.started(1)];

export const FIXTURES = {
  idle: initialSnapshot,
  ringing: run([ev.invited]),
  dialingUnacked: run([ev.start]),
  dialing: run([ev.start, ev.acked]),
  dialingTold: run([ev.start, ev.acked, { type: 'PEER_UNAVAILABLE', sessionId: S }]),
  attaching: run([{ type: 'START', matchId: S, kind: 'live' }]),
  checking: run([ev.start, ev.acked, ev.prepare(1)]),
  checkingFailed: run([ev.start, ev.acked, ev.prepare(1), { type: 'DEVICES_FAILED', stage: 1, reason: 'permission-denied' }]),
  connecting: run([ev.start, ev.acked, ev.prepare(1), ev.ok(1)]),
  connectingAccepted: run([ev.invited, { type: 'ACCEPT' }]),
  connectingRejoin: run([{ type: 'RESUMED', view: view() }, ev.ok(1)]),
  active: run(toActive),
  reconnectingSocket: run([...toActive, { type: 'SOCKET_DOWN' }]),
  reconnectingPeer: run([...toActive, { type: 'PEER_STATE', sessionId: S, connected: false }]),
  intermission: run([...toActive, ev.stageEnded(1)]),
  nextStage: run([...toActive, ev.stageEnded(1), ev.vote(true), ev.prepare(2)]),
  finished: run([...toActive, ev.ended('completed')]),
  failed: run([ev.start, ev.acked, ev.prepare(1), { type: 'GATE_TIMEOUT' }]),
} satisfies Record<string, CallSnapshot>;
export type FixtureName = keyof typeof FIXTURES;

/** One event of each type, built to pass this snapshot's session and stage guards. */
export function canonicalEvent(type: CallEventType, snap: CallSnapshot): CallEvent {
  const { sessionId: id, stage, lost } = snap.context;
  const sessionId = id ?? S;
  switch (type) {
    case 'START':
      return ev.start;
    case 'VOTE':
      return ev.vote(true);
    case 'INVITED':
      return { ...ev.invited, invite: { ...ev.invited.invite, sessionId: OTHER } };
    case 'REQUEST_ACKED':
      return ev.acked;
    case 'REQUEST_FAILED':
      return { type, code: 'busy', message: 'already in a call' };
    case 'MATCHED':
      return { type, matched: { sessionId: OTHER, kind: 'live', peer } };
    case 'PREPARE':
      return ev.prepare(stage + 1, sessionId);
    case 'STAGE_STARTED':
      return ev.started(stage, sessionId);
    case 'STAGE_ENDED':
      return ev.stageEnded(stage, sessionId);
    case 'PEER_DECIDED':
      return { type, sessionId, stage };
    case 'ENDED':
      return ev.ended('completed', sessionId);
    case 'PEER_STATE':
      return { type, sessionId, connected: lost.peer };
    case 'CANCELLED':
    case 'ANSWERED_ELSEWHERE':
    case 'PEER_UNAVAILABLE':
      return { type, sessionId };
    case 'RESUMED':
      return { type, view: view({ sessionId, stage: Math.max(stage, 1) }) };
    case 'DEVICES_OK':
      return ev.ok(stage);
    case 'DEVICES_FAILED':
      return { type, stage, reason: 'no-device' };
    default:
      return { type };
  }
}
