import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QualityLevel } from '@flint/shared';
import { type Adaptation, adapt, initialAdaptation } from './adaptation.ts';

/** Plays levels sampled every 2 s from `t0`; returns the step after each sample. */
function play(levels: QualityLevel[], from: Adaptation = initialAdaptation, t0 = 0): number[] {
  let a = from;
  return levels.map((level, i) => {
    a = adapt(a, level, t0 + i * 2000);
    return a.step;
  });
}
const g = 'good' as const;
const f = 'fair' as const;
const p = 'poor' as const;
const l = 'lost' as const;

/** [label, samples (every 2 s), steps after each]. */
const TABLE: Array<[string, QualityLevel[], number[]]> = [
  ['a good link never steps', [g, g, g, g], [0, 0, 0, 0]],
  ['fair holds full quality', [f, f, f], [0, 0, 0]],
  ['the first poor sample steps down at once', [p], [1]],
  ['lost steps down too', [l], [1]],
  ['at most one step down per 4 s, down to the floor and no further', [p, p, p, p, p, p], [1, 1, 2, 2, 2, 2]],
  ['back up only after 5 s of good, then one step per 3 s', [p, p, p, g, g, g, g, g, g], [1, 1, 2, 2, 2, 2, 1, 1, 0]],
  ['a poor sample in the good run steps down and starts the wait again (no flapping)', [p, g, g, p, g, g, g, g], [1, 1, 1, 2, 2, 2, 2, 1]],
  ['fair in the good run starts the wait again', [p, g, g, f, g, g, g, g], [1, 1, 1, 1, 1, 1, 1, 0]],
  ['alternating good and poor stays down', [p, g, p, g, p, g, p, g], [1, 1, 2, 2, 2, 2, 2, 2]],
];

describe('adapt', () => {
  for (const [label, levels, steps] of TABLE) it(label, () => assert.deepEqual(play(levels), steps));

  it('from the floor, full quality is back within 15 s of the link turning good', () => {
    const down = play([p, p, p]);
    assert.equal(down.at(-1), 2);
    let a: Adaptation = { step: 2, changedAt: 4000, goodSince: null };
    let t = 6000;
    while (a.step > 0) {
      a = adapt(a, 'good', t);
      t += 2000;
    }
    assert.ok(t - 2000 - 6000 <= 15_000, `back at full after ${t - 2000 - 6000} ms`);
  });
});
