import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallEvent } from './events.ts';
import { CONVO, ev, MATCH, OTHER, peer, S } from './test-fixtures.ts';
import { play } from './test-play.ts';

const stage = (n: number): CallEvent[] => [ev.prepare(n), ev.ok(n), ev.started(n), ev.stageEnded(n)];

describe('scenarios', () => {
  it('runs a three-stage staged call from START to FINISHED completed', () => {
    const r = play([
      ev.start,
      ev.acked,
      ...stage(1),
      ev.vote(true),
      { type: 'PEER_DECIDED', sessionId: S, stage: 1 },
      ...stage(2),
      ev.vote(true),
      ...stage(3),
      ev.vote(true),
      ev.ended('completed'),
    ]);
    assert.deepEqual(r.ignored, []);
    assert.deepEqual(r.states, [
      'DIALING',
      'CHECKING_DEVICES',
      'CONNECTING',
      'STAGE_ACTIVE',
      'INTERMISSION',
      'NEXT_STAGE',
      'CONNECTING',
      'STAGE_ACTIVE',
      'INTERMISSION',
      'NEXT_STAGE',
      'CONNECTING',
      'STAGE_ACTIVE',
      'INTERMISSION',
      'FINISHED',
    ]);
    assert.deepEqual(
      r.sent.map((s) => s.event),
      ['call:request', 'call:ready', 'call:vote', 'call:ready', 'call:vote', 'call:ready', 'call:vote'],
    );
    assert.deepEqual(r.sent[0]?.payload, { matchId: MATCH });
    assert.deepEqual(r.sent[3]?.payload, { sessionId: S, stage: 2 });
    const gates = r.effects.flatMap((e) => (e.type === 'runGate' ? [[e.stage, e.media]] : []));
    assert.deepEqual(gates, [
      [1, 'audio'],
      [2, 'video'],
      [3, 'video'],
    ]);
    assert.equal(r.effects.filter((e) => e.type === 'stopLocalMedia').length, 3);
    assert.equal(r.effects.filter((e) => e.type === 'startMedia').length, 3);
    assert.deepEqual(r.endedEffects, [{ type: 'emitEnded', sessionId: S, kind: 'staged', reason: 'completed', conversationId: CONVO }]);
    assert.equal(r.snap.context.stage, 3);
  });

  it('takes the callee from an invite to a stage', () => {
    const r = play([ev.invited, { type: 'ACCEPT' }, ev.prepare(1), ev.ok(1), ev.started(1)]);
    assert.deepEqual(r.states, ['RINGING', 'CONNECTING', 'CHECKING_DEVICES', 'CONNECTING', 'STAGE_ACTIVE']);
    assert.deepEqual(
      r.sent.map((s) => s.payload),
      [
        { sessionId: S, accept: true },
        { sessionId: S, stage: 1 },
      ],
    );
    assert.equal(r.snap.context.peer, peer);
    assert.equal(r.snap.context.role, 'callee');
  });

  it('declining an invite answers the server and ends with reason declined', () => {
    const r = play([ev.invited, { type: 'DECLINE' }]);
    assert.equal(r.snap.state, 'IDLE');
    assert.deepEqual(
      r.sent.map((s) => s.payload),
      [{ sessionId: S, accept: false }],
    );
    assert.deepEqual(
      r.endedEffects.map((e) => e.type === 'emitEnded' && e.reason),
      ['declined'],
    );
  });

  it('a "no" at intermission is sent, then the server ends the call as declined for both', () => {
    const r = play([ev.invited, { type: 'ACCEPT' }, ...stage(1), ev.vote(false), ev.vote(true), ev.ended('declined')]);
    assert.deepEqual(r.ignored, ['VOTE'], 'a second vote for the same stage is ignored');
    const votes = r.sent.filter((s) => s.event === 'call:vote').map((s) => s.payload);
    assert.deepEqual(votes, [{ sessionId: S, stage: 1, proceed: false }]);
    assert.equal(r.snap.state, 'FINISHED');
    assert.equal(r.snap.context.endReason, 'declined');
    assert.equal(r.endedEffects.length, 1);
  });

  it('a failed gate shows the typed failure, retries without leaving, then passes', () => {
    const r = play([ev.start, ev.acked, ev.prepare(1), { type: 'DEVICES_FAILED', stage: 1, reason: 'permission-denied' }]);
    assert.equal(r.snap.state, 'CHECKING_DEVICES');
    assert.equal(r.snap.context.deviceFailure, 'permission-denied');
    const retried = play([{ type: 'RETRY_DEVICES' }, ev.ok(1), ev.started(1)], r.snap);
    assert.deepEqual(retried.effects[0], { type: 'runGate', stage: 1, media: 'audio' });
    assert.deepEqual(retried.states, ['CONNECTING', 'STAGE_ACTIVE']);
    assert.equal(retried.snap.context.deviceFailure, null);
    const all = [...r.sent, ...retried.sent].map((s) => s.event);
    assert.ok(!all.includes('call:device-failed'), 'a retried failure is never reported');
  });

  it('giving up on a failed gate reports it and fails with the device reason', () => {
    const failing = play([ev.start, ev.acked, ev.prepare(1), { type: 'DEVICES_FAILED', stage: 1, reason: 'device-busy' }]);
    const r = play([{ type: 'HANG_UP' }, ev.ended('device-unavailable')], failing.snap);
    assert.deepEqual(
      r.sent.map((s) => [s.event, s.payload]),
      [['call:device-failed', { sessionId: S, stage: 1, reason: 'device-busy' }]],
    );
    assert.equal(r.snap.state, 'FAILED');
    assert.equal(r.snap.context.deviceFailure, 'device-busy');
    assert.deepEqual(r.ignored, ['ENDED'], "the server's confirmation finds the call already failed");
    assert.equal(r.endedEffects.length, 1);
  });

  it('a gate that never answers times out as device-timeout', () => {
    const r = play([ev.start, ev.acked, ev.prepare(1), { type: 'GATE_TIMEOUT' }]);
    assert.deepEqual(r.sent.at(-1)?.payload, { sessionId: S, stage: 1, reason: 'device-timeout' });
    assert.equal(r.snap.state, 'FAILED');
  });

  it('ignores stale, duplicate and other-session events', () => {
    const first = play([ev.start, ev.acked, ...stage(1), ev.ended('decision-timeout'), { type: 'DISMISS' }]);
    const r = play(
      [
        ev.start,
        ev.ended('completed'),
        { type: 'REQUEST_ACKED', sessionId: OTHER },
        ev.prepare(1),
        ev.prepare(1, OTHER),
        ev.started(1),
        ev.stageEnded(1),
        ev.ended('hung-up'),
      ],
      first.snap,
    );
    assert.deepEqual(r.ignored, ['ENDED', 'PREPARE', 'STAGE_STARTED', 'STAGE_ENDED', 'ENDED']);
    assert.equal(r.snap.state, 'CHECKING_DEVICES');
    assert.equal(r.snap.context.sessionId, OTHER);
    assert.deepEqual(r.endedEffects, []);
  });

  it('a failed call:request fails without a session and without emitEnded', () => {
    const r = play([ev.start, { type: 'REQUEST_FAILED', code: 'busy', message: 'Ben is in a call' }]);
    assert.equal(r.snap.state, 'FAILED');
    assert.deepEqual(r.snap.context.error, { code: 'busy', message: 'Ben is in a call' });
    assert.deepEqual(r.endedEffects, []);
  });
});
