/**
 * The camera is asked for as soon as this side knows the decision is taken (its yes after the other
 * person decided, or the other's decision after its yes), in parallel with the server's prepare:
 * not after it, and never while a decision is still open (the camera stays off in an intermission).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallEffect } from './effects.ts';
import { ev, FIXTURES, S } from './test-fixtures.ts';
import { play } from './test-play.ts';

const { active } = FIXTURES;
const toVideo = { ...ev.stageEnded(1), nextMedia: 'video' as const };
const decided = { type: 'PEER_DECIDED' as const, sessionId: S, stage: 1 };
const warms = (effects: readonly CallEffect[]) => effects.filter((e) => e.type === 'warmGate');

describe('the next stage devices are asked for as soon as the decision is taken', () => {
  it('my yes after the other person decided: warm the next stage before any prepare', () => {
    const r = play([toVideo, decided, ev.vote(true)], active);
    assert.equal(r.snap.state, 'INTERMISSION', 'still waiting for the server');
    assert.deepEqual(warms(r.effects), [{ type: 'warmGate', stage: 2, media: 'video' }]);
  });

  it("the other person's decision after my yes: warm then", () => {
    const r = play([toVideo, ev.vote(true), decided], active);
    assert.deepEqual(warms(r.effects), [{ type: 'warmGate', stage: 2, media: 'video' }]);
  });

  it('nothing while the decision is open, after my no, or with the next stage unknown', () => {
    assert.deepEqual(warms(play([toVideo, ev.vote(true)], active).effects), [], 'the other has not decided');
    assert.deepEqual(warms(play([toVideo, decided, ev.vote(false)], active).effects), [], 'I said no');
    assert.deepEqual(warms(play([ev.stageEnded(1), decided, ev.vote(true)], active).effects), [], 'no nextMedia');
  });

  it('accepting an invite asks for stage 1 devices at once, before the first prepare', () => {
    const invited = { ...ev.invited, invite: { ...ev.invited.invite, media: 'audio' as const } };
    const r = play([invited, { type: 'ACCEPT' }]);
    assert.equal(r.snap.state, 'CONNECTING');
    assert.deepEqual(warms(r.effects), [{ type: 'warmGate', stage: 1, media: 'audio' }]);
    const gate = play([ev.prepare(1)], r.snap).effects.find((e) => e.type === 'runGate');
    assert.deepEqual(gate, { type: 'runGate', stage: 1, media: 'audio' }, 'the first gate is for what was warmed');
    assert.deepEqual(warms(play([ev.invited, { type: 'ACCEPT' }]).effects), [], 'an invite without media: nothing early');
  });

  it('the prepare that follows runs the gate for the warmed stage and media', () => {
    const r = play([toVideo, decided, ev.vote(true), ev.prepare(2)], active);
    assert.equal(r.snap.state, 'NEXT_STAGE');
    const gate = r.effects.find((e) => e.type === 'runGate');
    assert.deepEqual(gate, { type: 'runGate', stage: 2, media: 'video' });
    assert.equal(r.snap.context.nextMedia, null, 'forgotten once the stage is prepared');
  });
});
