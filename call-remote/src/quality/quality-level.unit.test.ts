import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { levelOf, type StatsSample } from './quality-level.ts';

const clean: StatsSample = { rttMs: 20, lossPct: 0, jitterMs: 4, fps: 30, freezes: 0, received: true };

/** [label, changes to a clean sample, expect video, level]. */
const TABLE: Array<[string, Partial<StatsSample>, boolean, string]> = [
  ['a clean link', {}, true, 'good'],
  ['nothing measured yet', { rttMs: null, lossPct: null, jitterMs: null, fps: null, received: null }, true, 'good'],
  ['rtt just under fair', { rttMs: 149 }, true, 'good'],
  ['rtt 150 ms', { rttMs: 150 }, true, 'fair'],
  ['rtt 300 ms', { rttMs: 300 }, true, 'poor'],
  ['netem 300 ms both ways (≈ 1.2 s round trip)', { rttMs: 1210 }, false, 'poor'],
  ['loss 1.9 %', { lossPct: 1.9 }, true, 'good'],
  ['loss 2 %', { lossPct: 2 }, true, 'fair'],
  ['loss 5 %', { lossPct: 5 }, true, 'poor'],
  ['jitter 30 ms', { jitterMs: 30 }, true, 'fair'],
  ['jitter 50 ms', { jitterMs: 50 }, true, 'poor'],
  ['video at 19 fps', { fps: 19 }, true, 'fair'],
  ['video at 9 fps', { fps: 9 }, true, 'poor'],
  ['a video freeze', { freezes: 1 }, true, 'poor'],
  ['low fps while the peer camera is off (not expected)', { fps: 1, freezes: 2 }, false, 'good'],
  ['no video measured in a video stage', { fps: null }, true, 'good'],
  ['nothing arrived in the interval', { received: false }, true, 'lost'],
  ['nothing arrived beats everything else', { received: false, rttMs: 10 }, false, 'lost'],
  ['the worst figure decides: fair rtt, poor loss', { rttMs: 200, lossPct: 8 }, true, 'poor'],
  ['several fair figures stay fair', { rttMs: 200, lossPct: 3, jitterMs: 35, fps: 15 }, true, 'fair'],
];

describe('levelOf', () => {
  for (const [label, change, expectVideo, level] of TABLE) {
    it(`${label} → ${level}`, () => assert.equal(levelOf({ ...clean, ...change }, expectVideo), level));
  }
});
