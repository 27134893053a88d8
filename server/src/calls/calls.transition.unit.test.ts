/**
 * The session transition as a table: state × event → next state, error code and effects (who is
 * told what). Forbidden and late moves are rows too. Pure: no database, socket or clock.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idleSession, newParticipant } from './calls.factory.ts';
import type { Effect, Participant, Session, SessionEvent } from './calls.model.ts';
import { deadlinesOf, transition } from './calls.transition.ts';

const NOW = 1_000_000;
const A = 'caller-id';
const B = 'callee-id';
const from = { id: A, username: 'a', displayName: 'A', bio: '', age: null, role: 'user' as const };

const person = (userId: string, role: Participant['role'], p: Partial<Participant> = {}): Participant => ({
  ...newParticipant(userId, role),
  ...p,
});

/** A session as created (idle), then put in `state` with the fields and participants' changes given. */
function session(state: Session['state'], o: Partial<Session> & { a?: Partial<Participant>; b?: Partial<Participant> } = {}): Session {
  const { a, b, ...rest } = o;
  const created = idleSession(
    {
      id: 'sid',
      kind: 'staged',
      matchId: 'mid',
      conversationId: 'cid',
      plan: [
        { media: 'audio', seconds: 10 },
        { media: 'video', seconds: 20 },
        { media: 'video', seconds: 30 },
      ],
      timing: { ringMs: 30_000, decisionMs: 30_000, graceMs: 60_000, leaveGraceMs: 10_000, prepareMs: 60_000 },
    },
    [A, B],
  );
  return { ...created, state, participants: [person(A, 'caller', a), person(B, 'callee', b)], ...rest };
}

const ringing = (o = {}) => session('ringing', { ringEndsAt: NOW + 1000, ...o });
const preparing = (o = {}) => session('preparing', { prepareEndsAt: NOW + 1000, ...o });
const active = (o = {}) => session('active', { endsAt: NOW + 1000, a: { readyStage: 1 }, b: { readyStage: 1 }, ...o });
const paused = (o = {}) =>
  active({ endsAt: null, remainingMs: 4000, a: { readyStage: 1, connected: false, disconnectedAt: NOW - 1000 }, ...o });
const intermission = (o = {}) => session('intermission', { decisionEndsAt: NOW + 1000, ...o });
const ended = () => session('ended', { endReason: 'hung-up' });

/** A live session (queue pairing): no match or conversation yet, one video stage whose intermission asks "Match?". */
const live = (o: Partial<Session> = {}): Partial<Session> => ({
  kind: 'live',
  matchId: null,
  conversationId: null,
  plan: [{ media: 'video', seconds: 180 }],
  ...o,
});
const bothYes = { a: { vote: { stage: 1, proceed: true } }, b: { vote: { stage: 1, proceed: true } } };
const created = { type: 'match-created', matchId: 'new-mid', conversationId: 'new-cid' } as const;

/**
 * Emits as `to event` strings (+ `!` when a payload names a device failure), prepares as `to prepare`,
 * live introductions as `to matched`, notifications as `to notify`, the request to match the pair as
 * `create-match`.
 */
function told(effects: Effect[]): string[] {
  return effects.flatMap((e) => {
    if (e.type === 'emit') return [`${e.to === A ? 'A' : 'B'} ${e.event}${'deviceFailure' in e.payload ? '!' : ''}`];
    if (e.type === 'prepare') return [`${e.to === A ? 'A' : 'B'} prepare`];
    if (e.type === 'matched') return [`${e.to === A ? 'A' : 'B'} matched`];
    if (e.type === 'notify') return [`${e.to === A ? 'A' : 'B'} notify`];
    if (e.type === 'create-match') return ['create-match'];
    return [];
  });
}
const endedPayloads = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'emit' && e.event === 'call:ended' ? [e.payload] : []));

interface Row {
  name: string;
  given: Session;
  event: SessionEvent;
  /** Error code expected, or the next state. */
  expect: string;
  told?: string[];
  check?: (s: Session, effects: Effect[]) => void;
}

const ended2 = (reason: string): Pick<Row, 'check'> => ({ check: (s) => assert.equal(s.endReason, reason) });
const both = (event: string) => [`A ${event}`, `B ${event}`];

const rows: Row[] = [
  // idle
  {
    name: 'request rings the callee',
    given: session('idle'),
    event: { type: 'request', from },
    expect: 'ringing',
    told: ['B call:invite'],
    check: (s) => assert.equal(s.ringEndsAt, NOW + 30_000),
  },
  { name: 'request twice', given: ringing(), event: { type: 'request', from }, expect: 'wrong-state' },
  { name: 'a live pairing is never rung', given: session('idle', live()), event: { type: 'request', from }, expect: 'wrong-state' },
  {
    name: 'start-live: both introduced, then both prepare stage 1',
    given: session('idle', live()),
    event: { type: 'start-live' },
    expect: 'preparing',
    told: ['A matched', 'B matched', 'A prepare', 'B prepare'],
    check: (s, effects) => {
      assert.deepEqual([s.stage, s.prepareEndsAt, s.ringEndsAt], [1, NOW + 60_000, null]);
      assert.deepEqual(
        effects.filter((e) => e.type === 'consent'),
        [A, B].map((userId) => ({ type: 'consent', userId, stage: 1, proceed: true, at: NOW })),
        'joining the queue is the consent to stage 1',
      );
    },
  },
  { name: 'a staged call never starts live', given: session('idle'), event: { type: 'start-live' }, expect: 'wrong-state' },
  { name: 'start-live twice', given: preparing(live()), event: { type: 'start-live' }, expect: 'wrong-state' },
  { name: 'start-live on a ringing call', given: ringing(), event: { type: 'start-live' }, expect: 'wrong-state' },
  // ringing
  {
    name: 'callee accepts',
    given: ringing(),
    event: { type: 'accept', userId: B, socketId: 's1' },
    expect: 'preparing',
    told: ['B call:answered-elsewhere', 'A prepare', 'B prepare'],
    check: (s) => assert.equal(s.prepareEndsAt, NOW + 60_000),
  },
  { name: 'caller cannot accept', given: ringing(), event: { type: 'accept', userId: A, socketId: 's1' }, expect: 'forbidden' },
  { name: 'stranger cannot accept', given: ringing(), event: { type: 'accept', userId: 'x', socketId: 's1' }, expect: 'forbidden' },
  {
    name: 'callee declines',
    given: ringing(),
    event: { type: 'decline', userId: B },
    expect: 'ended',
    told: both('call:ended'),
    ...ended2('declined'),
  },
  { name: 'caller cannot decline', given: ringing(), event: { type: 'decline', userId: A }, expect: 'forbidden' },
  {
    name: 'caller cancels',
    given: ringing(),
    event: { type: 'leave', userId: A },
    expect: 'ended',
    // The callee missed it: a `call-missed` notification (data only).
    told: ['B call:cancelled', ...both('call:ended'), 'B notify'],
    ...ended2('cancelled'),
  },
  { name: 'callee leaving declines', given: ringing(), event: { type: 'leave', userId: B }, expect: 'ended', ...ended2('declined') },
  {
    name: 'ring timeout',
    given: ringing({ ringEndsAt: NOW }),
    event: { type: 'deadline', kind: 'ring', dueAt: NOW },
    expect: 'ended',
    told: [...both('call:ended'), 'B notify'],
    ...ended2('ring-timeout'),
    check: (s, effects) => {
      assert.equal(s.endReason, 'ring-timeout');
      const notify = effects.find((e) => e.type === 'notify');
      assert.ok(notify?.type === 'notify');
      assert.equal(notify.notification.kind, 'call-missed');
      assert.deepEqual(notify.notification.data, { sessionId: 'sid', conversationId: 'cid', callerId: A });
    },
  },
  {
    name: 'ring deadline not due yet',
    given: ringing(),
    event: { type: 'deadline', kind: 'ring', dueAt: NOW + 1000 },
    expect: 'wrong-state',
  },
  { name: 'ready while ringing', given: ringing(), event: { type: 'ready', userId: A, stage: 1 }, expect: 'wrong-state' },
  { name: 'vote while ringing', given: ringing(), event: { type: 'vote', userId: A, stage: 1, proceed: true }, expect: 'wrong-state' },
  {
    name: 'drop while ringing tells nobody',
    given: ringing(),
    event: { type: 'disconnect', userId: A },
    expect: 'ringing',
    told: [],
    check: (s) => assert.equal(deadlinesOf(s).get('grace'), NOW + 60_000),
  },
  // preparing
  { name: 'first gate passes', given: preparing(), event: { type: 'ready', userId: A, stage: 1 }, expect: 'preparing', told: [] },
  {
    name: 'a gate fails: the peer hears "fixing", with this side\'s budget capped by the gate deadline',
    given: preparing({ prepareEndsAt: NOW + 30_000 }),
    event: { type: 'gate-failed', userId: A, stage: 1, reason: 'permission-denied', endsInMs: 45_000 },
    expect: 'preparing',
    told: ['B call:peer-state'],
    check: (s, effects) => {
      assert.equal(s.participants[0].gateFailedStage, 1);
      const gate = { stage: 1, reason: 'permission-denied', endsAt: new Date(NOW + 30_000).toISOString() };
      assert.deepEqual(effects.find((e) => e.type === 'emit')?.payload, { sessionId: 'sid', connected: true, gate });
    },
  },
  {
    name: 'a failed gate passes: the peer stops hearing "fixing"',
    given: preparing({ a: { gateFailedStage: 1 } }),
    event: { type: 'ready', userId: A, stage: 1 },
    expect: 'preparing',
    told: ['B call:peer-state'],
    check: (s, effects) => {
      assert.equal(s.participants[0].gateFailedStage, null);
      assert.deepEqual(effects.find((e) => e.type === 'emit')?.payload, { sessionId: 'sid', connected: true, gate: null });
    },
  },
  {
    name: 'a failed gate passes last: cleared, then the stage starts',
    given: preparing({ a: { gateFailedStage: 1 }, b: { readyStage: 1 } }),
    event: { type: 'ready', userId: A, stage: 1 },
    expect: 'active',
    told: ['B call:peer-state', ...both('call:stage-started')],
  },
  {
    name: 'a gate that passed cannot fail',
    given: active(),
    event: { type: 'gate-failed', userId: A, stage: 1, reason: 'no-device', endsInMs: 1000 },
    expect: 'wrong-state',
  },
  {
    name: 'a gate cannot fail while ringing',
    given: ringing(),
    event: { type: 'gate-failed', userId: B, stage: 1, reason: 'no-device', endsInMs: 1000 },
    expect: 'wrong-state',
  },
  {
    name: 'page closed while preparing: the peer hears "left", the leave grace starts',
    given: preparing(),
    event: { type: 'leaving', userId: A },
    expect: 'preparing',
    told: ['B call:peer-state'],
    check: (s, effects) => {
      assert.deepEqual(effects.find((e) => e.type === 'emit')?.payload, { sessionId: 'sid', connected: false, left: true });
      assert.deepEqual([...deadlinesOf(s)], [['grace', NOW + 10_000]]);
    },
  },
  {
    name: 'page closed after the drop was seen: the grace shrinks from the drop',
    given: paused(),
    event: { type: 'leaving', userId: A },
    expect: 'active',
    told: ['B call:peer-state'],
    check: (s) => assert.equal(deadlinesOf(s).get('grace'), NOW - 1000 + 10_000),
  },
  {
    name: 'the drop after the page closed changes nothing',
    given: paused({ a: { readyStage: 1, connected: false, disconnectedAt: NOW - 1000, leaving: true } }),
    event: { type: 'disconnect', userId: A },
    expect: 'active',
    told: [],
  },
  {
    name: 'leave grace over: peer-disconnected',
    given: paused({ a: { readyStage: 1, connected: false, disconnectedAt: NOW - 10_000, leaving: true } }),
    event: { type: 'deadline', kind: 'grace', dueAt: NOW },
    expect: 'ended',
    ...ended2('peer-disconnected'),
  },
  {
    name: 'back within the leave grace: resumed, the normal grace again next time',
    given: paused({ a: { readyStage: 1, connected: false, disconnectedAt: NOW - 5000, leaving: true } }),
    event: { type: 'resume', userId: A },
    expect: 'active',
    told: ['B call:peer-state', 'B call:stage-started', 'A prepare'],
    check: (s) => assert.equal(s.participants[0].leaving, false),
  },
  {
    name: 'the caller closed the page while ringing: the leave grace, nobody told',
    given: ringing({ ringEndsAt: NOW + 20_000 }),
    event: { type: 'leaving', userId: A },
    expect: 'ringing',
    told: [],
    check: (s) => assert.equal(deadlinesOf(s).get('grace'), NOW + 10_000),
  },
  {
    name: "a ringing callee's tab closing changes nothing",
    given: ringing(),
    event: { type: 'leaving', userId: B },
    expect: 'ringing',
    told: [],
  },
  {
    name: 'the caller never came back while ringing: missed',
    given: ringing({ ringEndsAt: NOW + 20_000, a: { connected: false, disconnectedAt: NOW - 10_000, leaving: true } }),
    event: { type: 'deadline', kind: 'grace', dueAt: NOW },
    expect: 'ended',
    told: [...both('call:ended'), 'B notify'],
    ...ended2('peer-disconnected'),
  },
  {
    name: 'second gate passes: stage starts',
    given: preparing({ a: { readyStage: 1 } }),
    event: { type: 'ready', userId: B, stage: 1 },
    expect: 'active',
    told: both('call:stage-started'),
    check: (s) => assert.equal(s.endsAt, NOW + 10_000),
  },
  {
    name: 'both ready but one dropped: starts paused',
    given: preparing({ prepareEndsAt: null, a: { readyStage: 1, connected: false, disconnectedAt: NOW } }),
    event: { type: 'ready', userId: B, stage: 1 },
    expect: 'active',
    told: [],
    check: (s) => assert.deepEqual([s.endsAt, s.remainingMs], [null, 10_000]),
  },
  { name: 'ready for a stage not prepared', given: preparing(), event: { type: 'ready', userId: A, stage: 2 }, expect: 'wrong-state' },
  {
    name: 'gate fails: reason only to its owner',
    given: preparing(),
    event: { type: 'device-failed', userId: B, stage: 1, reason: 'no-device' },
    expect: 'ended',
    told: ['A call:ended', 'B call:ended!'],
    ...ended2('device-unavailable'),
  },
  {
    name: 'gate deadline: timeout only for who was not ready',
    given: preparing({ prepareEndsAt: NOW, a: { readyStage: 1 } }),
    event: { type: 'deadline', kind: 'prepare', dueAt: NOW },
    expect: 'ended',
    told: ['A call:ended', 'B call:ended!'],
    ...ended2('device-unavailable'),
  },
  {
    name: 'drop while preparing suspends the gate deadline',
    given: preparing(),
    event: { type: 'disconnect', userId: A },
    expect: 'preparing',
    told: ['B call:peer-state'],
    check: (s) => assert.deepEqual([...deadlinesOf(s).keys()], ['grace']),
  },
  { name: 'accept again', given: preparing(), event: { type: 'accept', userId: B, socketId: 's2' }, expect: 'wrong-state' },
  // active
  {
    name: 'stage ends: intermission',
    given: active({ endsAt: NOW }),
    event: { type: 'deadline', kind: 'stage', dueAt: NOW },
    expect: 'intermission',
    told: both('call:stage-ended'),
    check: (s, effects) => {
      assert.equal(s.decisionEndsAt, NOW + 30_000);
      // The next stage's media is told with the end, so a "yes" can ask for the camera at once.
      const payloads = effects.flatMap((e) => (e.type === 'emit' ? [e.payload as { nextMedia?: unknown }] : []));
      assert.deepEqual(
        payloads.map((p) => p.nextMedia),
        [s.plan[1]!.media, s.plan[1]!.media],
      );
    },
  },
  {
    name: 'last stage ends: completed',
    given: active({ stage: 3, endsAt: NOW }),
    event: { type: 'deadline', kind: 'stage', dueAt: NOW },
    expect: 'ended',
    told: both('call:ended'),
    ...ended2('completed'),
  },
  {
    name: 'stage deadline overdue beyond the grace: zombie ended',
    given: active({ endsAt: NOW - 120_000 }),
    event: { type: 'deadline', kind: 'stage', dueAt: NOW - 120_000 },
    expect: 'ended',
    ...ended2('peer-disconnected'),
  },
  {
    name: 'drop pauses the clock',
    given: active(),
    event: { type: 'disconnect', userId: A },
    expect: 'active',
    told: ['B call:peer-state'],
    check: (s) => assert.deepEqual([s.endsAt, s.remainingMs, deadlinesOf(s).has('stage')], [null, 1000, false]),
  },
  {
    name: 'resumer ready again: its own stage-started',
    given: active(),
    event: { type: 'ready', userId: A, stage: 1 },
    expect: 'active',
    told: ['A call:stage-started'],
  },
  {
    name: 'hang up',
    given: active(),
    event: { type: 'leave', userId: B },
    expect: 'ended',
    told: both('call:ended'),
    ...ended2('hung-up'),
  },
  { name: 'vote while active', given: active(), event: { type: 'vote', userId: A, stage: 1, proceed: true }, expect: 'wrong-state' },
  {
    name: 'resume on a connected participant re-sends prepare',
    given: active(),
    event: { type: 'resume', userId: B },
    expect: 'active',
    told: ['B prepare'],
  },
  // paused
  {
    name: 'resume restarts the clock',
    given: paused(),
    event: { type: 'resume', userId: A },
    expect: 'active',
    told: ['B call:peer-state', 'B call:stage-started', 'A prepare'],
    check: (s) => assert.deepEqual([s.endsAt, s.remainingMs], [NOW + 4000, null]),
  },
  {
    name: 'grace expires',
    given: paused({ a: { connected: false, disconnectedAt: NOW - 60_000 } }),
    event: { type: 'deadline', kind: 'grace', dueAt: NOW },
    expect: 'ended',
    told: both('call:ended'),
    ...ended2('peer-disconnected'),
  },
  { name: 'grace not yet expired', given: paused(), event: { type: 'deadline', kind: 'grace', dueAt: NOW }, expect: 'wrong-state' },
  { name: 'stage deadline while paused', given: paused(), event: { type: 'deadline', kind: 'stage', dueAt: NOW }, expect: 'wrong-state' },
  // intermission
  {
    name: 'first yes: the peer learns only that',
    given: intermission(),
    event: { type: 'vote', userId: A, stage: 1, proceed: true },
    expect: 'intermission',
    told: ['B call:peer-decided'],
  },
  {
    name: 'first no: not revealed yet',
    given: intermission(),
    event: { type: 'vote', userId: A, stage: 1, proceed: false },
    expect: 'intermission',
    told: ['B call:peer-decided'],
  },
  {
    name: 'both yes: next stage prepared',
    given: intermission({ b: { vote: { stage: 1, proceed: true } } }),
    event: { type: 'vote', userId: A, stage: 1, proceed: true },
    expect: 'preparing',
    told: ['B call:peer-decided', 'A prepare', 'B prepare'],
    check: (s) => assert.equal(s.stage, 2),
  },
  {
    name: 'yes then no: declined',
    given: intermission({ b: { vote: { stage: 1, proceed: true } } }),
    event: { type: 'vote', userId: A, stage: 1, proceed: false },
    expect: 'ended',
    told: ['B call:peer-decided', ...both('call:ended')],
    ...ended2('declined'),
  },
  {
    name: 'same vote again is a no-op',
    given: intermission({ a: { vote: { stage: 1, proceed: true } } }),
    event: { type: 'vote', userId: A, stage: 1, proceed: true },
    expect: 'intermission',
    told: [],
  },
  {
    name: 'changing a vote',
    given: intermission({ a: { vote: { stage: 1, proceed: true } } }),
    event: { type: 'vote', userId: A, stage: 1, proceed: false },
    expect: 'wrong-state',
  },
  {
    name: 'vote for an old stage',
    given: intermission({ stage: 2 }),
    event: { type: 'vote', userId: A, stage: 1, proceed: false },
    expect: 'wrong-state',
  },
  { name: 'stranger votes', given: intermission(), event: { type: 'vote', userId: 'x', stage: 1, proceed: true }, expect: 'forbidden' },
  {
    name: 'window closes with a vote missing',
    given: intermission({ decisionEndsAt: NOW, a: { vote: { stage: 1, proceed: false } } }),
    event: { type: 'deadline', kind: 'decision', dueAt: NOW },
    expect: 'ended',
    told: both('call:ended'),
    ...ended2('decision-timeout'),
  },
  {
    name: 'drop keeps the decision window and the vote',
    given: intermission({ a: { vote: { stage: 1, proceed: true } } }),
    event: { type: 'disconnect', userId: A },
    expect: 'intermission',
    told: ['B call:peer-state'],
    check: (s) => assert.deepEqual([s.decisionEndsAt, s.participants[0].vote?.proceed], [NOW + 1000, true]),
  },
  // after a shared yes
  {
    name: 'retried yes after the decision',
    given: preparing({ stage: 2, a: { vote: { stage: 1, proceed: true } } }),
    event: { type: 'vote', userId: A, stage: 1, proceed: true },
    expect: 'preparing',
    told: [],
  },
  // media path lost and back (link down, ICE restart): the stage clock pauses as for a disconnect
  {
    name: 'media path down: the clock pauses, nobody is told',
    given: active({ endsAt: NOW + 7000 }),
    event: { type: 'media-path', userId: A, stage: 1, up: false },
    expect: 'active',
    told: [],
    check: (s) => assert.deepEqual([s.endsAt, s.remainingMs, deadlinesOf(s).has('stage')], [null, 7000, false]),
  },
  {
    name: 'media path down again (the other side reports it too): no change',
    given: active({ endsAt: null, remainingMs: 7000 }),
    event: { type: 'media-path', userId: B, stage: 1, up: false },
    expect: 'active',
    told: [],
    check: (s) => assert.equal(s.remainingMs, 7000),
  },
  {
    name: 'media path back: the clock runs from where it stopped, both told the shifted end',
    given: active({ endsAt: null, remainingMs: 7000 }),
    event: { type: 'media-path', userId: B, stage: 1, up: true },
    expect: 'active',
    told: ['A call:stage-started', 'B call:stage-started'],
    check: (s) => assert.deepEqual([s.endsAt, s.remainingMs], [NOW + 7000, null]),
  },
  {
    name: 'media path back on a running clock: no change',
    given: active({ endsAt: NOW + 500 }),
    event: { type: 'media-path', userId: A, stage: 1, up: true },
    expect: 'active',
    told: [],
    check: (s) => assert.equal(s.endsAt, NOW + 500),
  },
  {
    name: 'media path back while the other person is away: still paused (their resume restarts it)',
    given: paused(),
    event: { type: 'media-path', userId: B, stage: 1, up: true },
    expect: 'active',
    told: [],
    check: (s) => assert.deepEqual([s.endsAt, s.remainingMs], [null, 4000]),
  },
  {
    name: 'media path for another stage',
    given: active(),
    event: { type: 'media-path', userId: A, stage: 2, up: false },
    expect: 'wrong-state',
  },
  {
    name: 'media path in an intermission',
    given: intermission(),
    event: { type: 'media-path', userId: A, stage: 1, up: false },
    expect: 'wrong-state',
  },
  {
    name: 'media path of a stranger',
    given: active(),
    event: { type: 'media-path', userId: 'x', stage: 1, up: false },
    expect: 'forbidden',
  },
  // live: the last stage's intermission asks "Match?"
  {
    name: 'live: last stage ends in the Match? intermission',
    given: active({ ...live(), endsAt: NOW }),
    event: { type: 'deadline', kind: 'stage', dueAt: NOW },
    expect: 'intermission',
    told: both('call:stage-ended'),
    check: (s, effects) => {
      assert.equal(s.decisionEndsAt, NOW + 30_000);
      const payloads = effects.flatMap((e) => (e.type === 'emit' ? [e.payload] : []));
      assert.deepEqual(
        payloads,
        [A, B].map(() => ({ sessionId: 'sid', stage: 1, decisionEndsAt: new Date(NOW + 30_000).toISOString(), nextMedia: null })),
      );
    },
  },
  {
    name: 'live: an earlier stage of a longer live plan still asks to continue',
    given: intermission({
      ...live(),
      plan: [
        { media: 'video', seconds: 10 },
        { media: 'video', seconds: 10 },
      ],
      b: { vote: { stage: 1, proceed: true } },
    }),
    event: { type: 'vote', userId: A, stage: 1, proceed: true },
    expect: 'preparing',
    told: ['B call:peer-decided', 'A prepare', 'B prepare'],
  },
  {
    name: 'live: first yes to Match? is not revealed',
    given: intermission(live()),
    event: { type: 'vote', userId: A, stage: 1, proceed: true },
    expect: 'intermission',
    told: ['B call:peer-decided'],
  },
  {
    name: 'live: both yes asks the executor for the match, nothing else yet',
    given: intermission({ ...live(), b: { vote: { stage: 1, proceed: true } } }),
    event: { type: 'vote', userId: A, stage: 1, proceed: true },
    expect: 'intermission',
    told: ['B call:peer-decided', 'create-match'],
    check: (s) => assert.deepEqual(deadlinesOf(s).get('decision'), NOW + 1000),
  },
  {
    name: 'live: the match made ends the session completed with it, and notifies both',
    given: intermission({ ...live(), ...bothYes }),
    event: created,
    expect: 'ended',
    told: [...both('call:ended'), ...both('notify')],
    check: (s, effects) => {
      assert.deepEqual([s.endReason, s.matchId, s.conversationId], ['completed', 'new-mid', 'new-cid']);
      assert.deepEqual(
        endedPayloads(effects),
        [A, B].map(() => ({
          sessionId: 'sid',
          kind: 'live',
          reason: 'completed',
          conversationId: 'new-cid',
          matchId: 'new-mid',
        })),
      );
      const notes = effects.flatMap((e) => (e.type === 'notify' ? [e] : []));
      assert.deepEqual(
        notes.map((n) => [n.notification.kind, n.notification.href, n.notification.data]),
        [
          ['match', '/chat/new-cid', { matchId: 'new-mid', conversationId: 'new-cid', userId: B }],
          ['match', '/chat/new-cid', { matchId: 'new-mid', conversationId: 'new-cid', userId: A }],
        ],
      );
    },
  },
  {
    name: 'live: yes then no is declined, no match',
    given: intermission({ ...live(), b: { vote: { stage: 1, proceed: true } } }),
    event: { type: 'vote', userId: A, stage: 1, proceed: false },
    expect: 'ended',
    told: ['B call:peer-decided', ...both('call:ended')],
    check: (s, effects) => {
      assert.deepEqual([s.endReason, s.matchId], ['declined', null]);
      assert.ok(endedPayloads(effects).every((p) => !('matchId' in p)));
    },
  },
  {
    name: 'live: no then yes is declined, no match',
    given: intermission({ ...live(), b: { vote: { stage: 1, proceed: false } } }),
    event: { type: 'vote', userId: A, stage: 1, proceed: true },
    expect: 'ended',
    told: ['B call:peer-decided', ...both('call:ended')],
    ...ended2('declined'),
  },
  {
    name: 'live: Match? window closes with a vote missing',
    given: intermission({ ...live(), decisionEndsAt: NOW, a: { vote: { stage: 1, proceed: true } } }),
    event: { type: 'deadline', kind: 'decision', dueAt: NOW },
    expect: 'ended',
    told: both('call:ended'),
    ...ended2('decision-timeout'),
  },
  {
    name: 'live: a match with one vote missing is refused',
    given: intermission({ ...live(), a: { vote: { stage: 1, proceed: true } } }),
    event: created,
    expect: 'wrong-state',
  },
  { name: 'staged: a match is never made by a call', given: intermission(bothYes), event: created, expect: 'wrong-state' },
  {
    name: 'live: a match after the end is refused',
    given: session('ended', { ...live(), endReason: 'declined' }),
    event: created,
    expect: 'wrong-state',
  },
  // report or block (safety): the same ending for both, whoever acted
  {
    name: 'report while ringing: the ring is over for both',
    given: ringing(),
    event: { type: 'report', userId: B },
    expect: 'ended',
    told: both('call:ended'),
    check: (s) => assert.deepEqual([s.endReason, s.ringEndsAt, deadlinesOf(s).size], ['reported', null, 0]),
  },
  {
    name: 'report mid-stage: both told alike, no chat to route to',
    given: active(),
    event: { type: 'report', userId: A },
    expect: 'ended',
    told: both('call:ended'),
    check: (s, effects) => {
      assert.deepEqual([s.endReason, s.conversationId, deadlinesOf(s).size], ['reported', 'cid', 0]);
      assert.deepEqual(
        endedPayloads(effects),
        [A, B].map(() => ({ sessionId: 'sid', kind: 'staged', reason: 'reported', conversationId: null })),
      );
    },
  },
  {
    name: 'report while the other is away: no grace left',
    given: paused(),
    event: { type: 'report', userId: B },
    expect: 'ended',
    check: (s) => assert.deepEqual([s.endReason, s.participants[0].disconnectedAt, deadlinesOf(s).size], ['reported', null, 0]),
  },
  {
    name: 'report in the Match? intermission: no match',
    given: intermission({ ...live(), a: { vote: { stage: 1, proceed: true } } }),
    event: { type: 'report', userId: B },
    expect: 'ended',
    told: both('call:ended'),
    check: (s, effects) => {
      assert.deepEqual([s.endReason, s.matchId], ['reported', null]);
      assert.ok(endedPayloads(effects).every((p) => !('matchId' in p) && p.conversationId === null));
    },
  },
  { name: 'stranger reports', given: active(), event: { type: 'report', userId: 'x' }, expect: 'forbidden' },
  { name: 'stranger reports an ended call', given: ended(), event: { type: 'report', userId: 'x' }, expect: 'forbidden' },
  // ended
  { name: 'report after the end changes nothing', given: ended(), event: { type: 'report', userId: B }, expect: 'ended', told: [] },
  { name: 'leave after the end', given: ended(), event: { type: 'leave', userId: A }, expect: 'ended', told: [] },
  { name: 'drop after the end', given: ended(), event: { type: 'disconnect', userId: A }, expect: 'ended', told: [] },
  { name: 'page closed after the end', given: ended(), event: { type: 'leaving', userId: A }, expect: 'ended', told: [] },
  { name: 'vote after the end', given: ended(), event: { type: 'vote', userId: A, stage: 1, proceed: true }, expect: 'wrong-state' },
  { name: 'resume after the end', given: ended(), event: { type: 'resume', userId: A }, expect: 'wrong-state' },
];

describe('calls transition table', () => {
  for (const row of rows) {
    it(`${row.given.state} × ${row.event.type}: ${row.name}`, () => {
      const result = transition(row.given, row.event, NOW);
      if (!result.ok) {
        assert.equal(result.error.code, row.expect);
        return;
      }
      assert.equal(result.session.state, row.expect);
      if (row.told) assert.deepEqual(told(result.effects), row.told);
      row.check?.(result.session, result.effects);
      // The deadline effects are exactly the moves of the derived deadlines (what the sweep table holds).
      const before = deadlinesOf(row.given);
      const after = deadlinesOf(result.session);
      for (const e of result.effects) if (e.type === 'deadline') assert.equal(e.at, after.get(e.kind) ?? null);
      const moved = new Set([...before.keys(), ...after.keys()].filter((k) => before.get(k) !== after.get(k)));
      assert.deepEqual(new Set(result.effects.flatMap((e) => (e.type === 'deadline' ? [e.kind] : []))), moved);
    });
  }

  it('never mutates its input', () => {
    const given = intermission({ b: { vote: { stage: 1, proceed: true } } });
    const copy = structuredClone(given);
    transition(given, { type: 'vote', userId: A, stage: 1, proceed: true }, NOW);
    assert.deepEqual(given, copy);
  });

  it('an ended session has no deadlines; a dropped participant always has a grace deadline', () => {
    assert.equal(deadlinesOf(ended()).size, 0);
    assert.equal(deadlinesOf(paused()).get('grace'), NOW - 1000 + 60_000);
  });

  it('the consent record names who agreed to which stage', () => {
    const r = transition(intermission({ stage: 2 }), { type: 'vote', userId: B, stage: 2, proceed: false }, NOW);
    assert.ok(r.ok);
    assert.deepEqual(
      r.effects.filter((e) => e.type === 'consent'),
      [{ type: 'consent', userId: B, stage: 3, proceed: false, at: NOW }],
    );
  });
});
