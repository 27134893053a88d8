import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallSnapshot } from './context.ts';
import { CALL_EVENT_TYPES, type CallEvent } from './events.ts';
import { effectTypes, MOVES } from './expected-moves.ts';
import { CALL_STATES } from './states.ts';
import { canonicalEvent, ev, FIXTURES, type FixtureName, OTHER } from './test-fixtures.ts';
import { can, transition } from './transition.ts';

const fixtureNames = Object.keys(FIXTURES) as FixtureName[];
const allowed = new Map(MOVES.map((m) => [`${m[0]} ${m[1]}`, m]));

/** Frozen all the way down, so a handler that mutates its input throws in the test. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function assertIgnored(snap: CallSnapshot, event: CallEvent, label: string) {
  const result = transition(snap, event);
  assert.equal(result.ignored, true, `${label} should be ignored`);
  assert.equal(result.state, snap.state, label);
  assert.equal(result.context, snap.context, `${label} returns the same context object`);
  assert.deepEqual(result.effects, [], label);
}

describe('transition table', () => {
  it('has a fixture for every public state', () => {
    const covered = new Set(fixtureNames.map((n) => FIXTURES[n].state));
    assert.deepEqual([...covered].sort(), [...CALL_STATES].sort());
  });

  it('lists no move twice', () => {
    assert.equal(allowed.size, MOVES.length);
  });

  for (const [fixture, type, next, spec] of MOVES) {
    it(`${fixture} ─${type}→ ${next}`, () => {
      const snap = deepFreeze(FIXTURES[fixture]);
      const result = transition(snap, canonicalEvent(type, snap));
      assert.equal(result.ignored, false);
      assert.equal(result.state, next);
      assert.deepEqual(
        result.effects.map((e) => e.type),
        effectTypes(spec),
      );
    });
  }

  it('ignores every (state, event) pair that is not an allowed move', () => {
    let checked = 0;
    for (const fixture of fixtureNames) {
      const snap = deepFreeze(FIXTURES[fixture]);
      for (const type of CALL_EVENT_TYPES) {
        if (allowed.has(`${fixture} ${type}`)) continue;
        assertIgnored(snap, canonicalEvent(type, snap), `${fixture} ${type}`);
        checked += 1;
      }
    }
    assert.equal(checked, fixtureNames.length * CALL_EVENT_TYPES.length - MOVES.length);
  });

  it('ignores session-bound events for another session in every state', () => {
    for (const fixture of fixtureNames) {
      const snap = FIXTURES[fixture];
      for (const type of [
        'PREPARE',
        'STAGE_STARTED',
        'STAGE_ENDED',
        'PEER_DECIDED',
        'ENDED',
        'PEER_STATE',
        'CANCELLED',
        'ANSWERED_ELSEWHERE',
      ] as const) {
        const event = canonicalEvent(type, snap);
        const stale = structuredClone(event);
        if ('prepare' in stale) stale.prepare.sessionId = OTHER;
        if ('ended' in stale) stale.ended.sessionId = OTHER;
        if ('sessionId' in stale) stale.sessionId = OTHER;
        assertIgnored(snap, stale, `${fixture} ${type} for another session`);
      }
    }
  });

  it('ignores stage events for an old stage', () => {
    const { active, intermission, checking, nextStage } = FIXTURES;
    assertIgnored(active, { type: 'STAGE_ENDED', sessionId: active.context.sessionId!, stage: 0, decisionEndsAt: 'x' }, 'old stage-ended');
    assertIgnored(intermission, { type: 'PEER_DECIDED', sessionId: intermission.context.sessionId!, stage: 0 }, 'old peer-decided');
    assertIgnored(intermission, ev.prepare(1), 'a prepare for the stage just played');
    assertIgnored(checking, { type: 'DEVICES_OK', stage: 2 }, 'gate result for another stage');
    assertIgnored(nextStage, { type: 'DEVICES_FAILED', stage: 1, reason: 'no-device' }, 'old gate failure');
  });

  it('adds exactly one emitStateChange, last, whenever state, stage or session changes', () => {
    for (const [fixture, type] of MOVES) {
      const snap = FIXTURES[fixture];
      const r = transition(snap, canonicalEvent(type, snap));
      const changed = r.state !== snap.state || r.context.stage !== snap.context.stage || r.context.sessionId !== snap.context.sessionId;
      const count = r.effects.filter((e) => e.type === 'emitStateChange').length;
      assert.equal(count, changed ? 1 : 0, `${fixture} ${type}`);
      if (changed) assert.equal(r.effects.at(-1)?.type, 'emitStateChange');
    }
  });

  it('can() answers whether an event would be handled', () => {
    assert.equal(can(FIXTURES.checkingFailed, { type: 'RETRY_DEVICES' }), true);
    assert.equal(can(FIXTURES.checking, { type: 'RETRY_DEVICES' }), false);
  });
});
