import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, ev, FIXTURES, peer, S, view } from './test-fixtures.ts';
import { play } from './test-play.ts';

const { active } = FIXTURES;

describe('reconnecting and resuming', () => {
  it('a socket drop mid-stage resumes from the server view and keeps the stage', () => {
    const r = play([{ type: 'SOCKET_DOWN' }, { type: 'SOCKET_UP' }, { type: 'RESUMED', view: view({ endsAt: at(4) }) }], active);
    assert.deepEqual(r.states, ['RECONNECTING', 'STAGE_ACTIVE']);
    assert.deepEqual(
      r.effects.find((e) => e.type === 'resume'),
      { type: 'resume', sessionId: S },
    );
    assert.equal(r.snap.context.endsAt, at(4));
    assert.ok(!r.effects.some((e) => e.type === 'runGate' || e.type === 'startMedia'), 'media was never lost');
  });

  it('a stage that ended while offline resumes into the intermission with tracks stopped', () => {
    const r = play(
      [
        { type: 'SOCKET_DOWN' },
        { type: 'SOCKET_UP' },
        { type: 'RESUMED', view: view({ state: 'intermission', endsAt: null, decisionEndsAt: at(5) }) },
      ],
      active,
    );
    assert.equal(r.snap.state, 'INTERMISSION');
    assert.ok(r.effects.some((e) => e.type === 'stopLocalMedia'));
    assert.equal(r.snap.context.decisionEndsAt, at(5));
  });

  it('a session gone while offline fails once, with a clear error', () => {
    const r = play([{ type: 'SOCKET_DOWN' }, { type: 'SOCKET_UP' }, { type: 'RESUMED', view: null }, ev.ended('completed')], active);
    assert.equal(r.snap.state, 'FAILED');
    assert.equal(r.snap.context.error?.code, 'disconnected');
    assert.equal(r.endedEffects.length, 1);
    assert.deepEqual(r.ignored, ['ENDED']);
  });

  it('an unasked RESUMED while the socket is fine is ignored', () => {
    const r = play(
      [
        { type: 'PEER_STATE', sessionId: S, connected: false },
        { type: 'RESUMED', view: null },
      ],
      active,
    );
    assert.deepEqual(r.ignored, ['RESUMED']);
    assert.equal(r.snap.state, 'RECONNECTING');
  });

  it('returns to the stage only when both peer and media are back', () => {
    const r = play(
      [
        { type: 'PEER_STATE', sessionId: S, connected: false },
        { type: 'MEDIA_LOST' },
        { type: 'PEER_STATE', sessionId: S, connected: true },
      ],
      active,
    );
    assert.equal(r.snap.state, 'RECONNECTING');
    const back = play([{ type: 'MEDIA_CONNECTED' }], r.snap);
    assert.equal(back.snap.state, 'STAGE_ACTIVE');
    assert.deepEqual(back.snap.context.lost, { socket: false, peer: false, media: false });
  });

  it('a resumed view with the peer still away stays RECONNECTING until the peer returns', () => {
    const r = play(
      [
        { type: 'SOCKET_DOWN' },
        { type: 'SOCKET_UP' },
        { type: 'RESUMED', view: view({ peerConnected: false }) },
        { type: 'PEER_STATE', sessionId: S, connected: true },
      ],
      active,
    );
    assert.deepEqual(r.states, ['RECONNECTING', 'STAGE_ACTIVE']);
  });

  it('after a reload, rejoins a running stage through the gate', () => {
    const r = play([{ type: 'SOCKET_UP' }, { type: 'RESUMED', view: view({ endsAt: at(7) }) }, ev.ok(1), { type: 'MEDIA_CONNECTED' }]);
    assert.deepEqual(r.states, ['CHECKING_DEVICES', 'CONNECTING', 'STAGE_ACTIVE']);
    assert.ok(r.effects.some((e) => e.type === 'startMedia'));
    assert.equal(r.snap.context.endsAt, at(7));
    assert.equal(r.snap.context.peer, peer);
  });

  it('after a reload, a callee still ringing rings again; a caller keeps dialing', () => {
    const ringing = view({ state: 'ringing', stage: 0, endsAt: null, prepare: null });
    assert.equal(play([{ type: 'RESUMED', view: { ...ringing, role: 'callee' } }]).snap.state, 'RINGING');
    assert.equal(play([{ type: 'RESUMED', view: { ...ringing, role: 'caller' } }]).snap.state, 'DIALING');
  });

  it('a rejoin without the stage prepare leaves cleanly instead of hanging in the gate', () => {
    const r = play([{ type: 'RESUMED', view: view({ prepare: null }) }]);
    assert.equal(r.snap.state, 'FAILED');
    assert.deepEqual(
      r.sent.map((s) => s.event),
      ['call:leave'],
    );
    assert.equal(r.endedEffects.length, 1);
  });

  it('resending call:ready when the outage hit after the gate passed', () => {
    const r = play(
      [{ type: 'SOCKET_DOWN' }, { type: 'SOCKET_UP' }, { type: 'RESUMED', view: view({ state: 'preparing', endsAt: null }) }],
      FIXTURES.connecting,
    );
    assert.equal(r.snap.state, 'CONNECTING');
    assert.deepEqual(
      r.sent.map((s) => s.payload),
      [{ sessionId: S, stage: 1 }],
    );
  });

  it('hanging up while reconnecting leaves and ends once', () => {
    const r = play([{ type: 'SOCKET_DOWN' }, { type: 'HANG_UP' }, { type: 'SOCKET_UP' }], active);
    assert.equal(r.snap.state, 'FINISHED');
    assert.equal(r.snap.context.endReason, 'hung-up');
    assert.deepEqual(r.ignored, ['SOCKET_UP']);
  });

  it('a live pairing runs one stage and ends as a live session', () => {
    const matched = { type: 'MATCHED', matched: { sessionId: S, kind: 'live', peer } } as const;
    const r = play([
      matched,
      ev.prepare(1),
      ev.ok(1),
      ev.started(1),
      ev.stageEnded(1),
      ev.vote(true),
      { type: 'ENDED', ended: { sessionId: S, kind: 'live', reason: 'completed', conversationId: null, matchId: 'm' } },
    ]);
    assert.equal(r.snap.state, 'FINISHED');
    assert.deepEqual(r.endedEffects, [{ type: 'emitEnded', sessionId: S, kind: 'live', reason: 'completed', conversationId: null }]);
  });
});
