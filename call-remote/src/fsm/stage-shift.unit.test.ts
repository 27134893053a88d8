import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, FIXTURES, S } from './test-fixtures.ts';
import { play } from './test-play.ts';

const { active } = FIXTURES;
const started = (endsAt: string) => ({ type: 'STAGE_STARTED' as const, sessionId: S, stage: active.context.stage, endsAt });

describe('the server shifts a stage end after the peer paused and resumed', () => {
  it('in STAGE_ACTIVE the countdown moves to the new deadline', () => {
    const r = play([started(at(40))], active);
    assert.equal(r.snap.state, 'STAGE_ACTIVE');
    assert.equal(r.snap.context.endsAt, at(40));
    assert.deepEqual(r.effects, [{ type: 'startTimer', name: 'stage', at: at(40) }]);
  });

  it('while the peer is still away, the new deadline is kept for when it is back', () => {
    const r = play(
      [{ type: 'PEER_STATE', sessionId: S, connected: false }, started(at(41)), { type: 'PEER_STATE', sessionId: S, connected: true }],
      active,
    );
    assert.deepEqual(r.states, ['RECONNECTING', 'STAGE_ACTIVE']);
    assert.equal(r.snap.context.endsAt, at(41));
  });

  it('a repeat with the same deadline, or for another stage, is ignored', () => {
    const same = play([started(active.context.endsAt!)], active);
    assert.deepEqual(same.effects, []);
    const other = play([{ ...started(at(42)), stage: active.context.stage + 1 }], active);
    assert.equal(other.snap.context.endsAt, active.context.endsAt);
  });
});
