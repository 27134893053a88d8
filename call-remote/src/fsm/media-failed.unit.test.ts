/** No path to the peer: the call reports it and ends on the server's word, FAILED with `media-failed`. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ev, FIXTURES, S } from './test-fixtures.ts';
import { play } from './test-play.ts';

const { active } = FIXTURES;
const report = { type: 'send', event: 'call:media-failed', payload: { sessionId: S, stage: 1 } };

describe('media failed', () => {
  it('a stage whose media is lost for good reports it once per engine report, and the server ending it shows FAILED', () => {
    const r = play([{ type: 'MEDIA_LOST' }, { type: 'MEDIA_FAILED' }, ev.ended('media-failed')], active);
    assert.deepEqual(
      r.sent.filter((s) => s.event === 'call:media-failed'),
      [report],
      'reported; the call waits for the server rather than ending alone',
    );
    assert.deepEqual(r.states, ['RECONNECTING', 'FAILED']);
    assert.equal(r.snap.context.endReason, 'media-failed');
    assert.deepEqual(
      r.endedEffects.map((e) => e.type === 'emitEnded' && e.reason),
      ['media-failed'],
    );
  });

  it('is not reported while the peer or our socket is away (their reconnect grace decides)', () => {
    const peerAway = play([{ type: 'PEER_STATE', sessionId: S, connected: false }, { type: 'MEDIA_FAILED' }], active);
    assert.deepEqual(peerAway.ignored, ['MEDIA_FAILED']);
    const socketDown = play([{ type: 'SOCKET_DOWN' }, { type: 'MEDIA_FAILED' }], active);
    assert.deepEqual(socketDown.ignored, ['MEDIA_FAILED']);
  });

  it('a media path lost and back tells the server both ways, so it pauses and restarts the stage clock', () => {
    const path = (up: boolean) => ({ type: 'send', event: 'call:media-path', payload: { sessionId: S, stage: 1, up } });
    const r = play([{ type: 'MEDIA_LOST' }, { type: 'MEDIA_LOST' }, { type: 'MEDIA_CONNECTED' }], active);
    assert.deepEqual(r.states, ['RECONNECTING', 'STAGE_ACTIVE']);
    assert.deepEqual(r.sent, [path(false), path(true)], 'once down, once up: a repeat says nothing');
    const socketDown = play([{ type: 'SOCKET_DOWN' }, { type: 'MEDIA_LOST' }], active);
    assert.deepEqual(socketDown.sent, [], 'not while our socket is away (the server paused the clock already)');
  });

  it('is ignored outside a stage (the intermission has no media to connect)', () => {
    const r = play([{ type: 'MEDIA_FAILED' }], FIXTURES.intermission);
    assert.deepEqual(r.ignored, ['MEDIA_FAILED']);
    assert.deepEqual(r.sent, []);
  });
});
