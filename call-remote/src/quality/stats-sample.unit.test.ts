import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type StatsReport, sampleOf } from './stats-sample.ts';

const report = (...stats: Array<Record<string, unknown>>): StatsReport => {
  const map = new Map(stats.map((s) => [s.id as string, s as Record<string, unknown> & { id: string; type: string }]));
  return {
    forEach: (cb) => {
      for (const v of map.values()) cb(v);
    },
    get: (id) => map.get(id),
  };
};
const pair = (rtt: number) => [
  { id: 'T', type: 'transport', selectedCandidatePairId: 'P' },
  { id: 'P', type: 'candidate-pair', currentRoundTripTime: rtt },
];
const audio = (received: number, lost: number, jitter = 0.004) => ({
  id: 'A',
  type: 'inbound-rtp',
  kind: 'audio',
  packetsReceived: received,
  packetsLost: lost,
  jitter,
});
const video = (received: number, over: Record<string, unknown> = {}) => ({
  id: 'V',
  type: 'inbound-rtp',
  kind: 'video',
  packetsReceived: received,
  packetsLost: 0,
  jitter: 0.01,
  framesDecoded: 100,
  framesPerSecond: 30,
  freezeCount: 0,
  ...over,
});

describe('sampleOf', () => {
  it('the first report: figures, but nothing to compare arrivals with, and video not yet counted', () => {
    const s = sampleOf(null, report(...pair(0.05), audio(100, 0), video(300, { freezeCount: 2 })));
    assert.deepEqual(s, { rttMs: 50, lossPct: 0, jitterMs: 4, fps: null, freezes: 0, received: null });
  });

  it('video that only just started decoding is not counted yet (its first second is slow on any link)', () => {
    const prev = report(...pair(0.05), audio(100, 0), video(10, { framesDecoded: 0 }));
    const s = sampleOf(prev, report(...pair(0.05), audio(200, 0), video(100, { framesPerSecond: 3, freezeCount: 1 })));
    assert.deepEqual([s.fps, s.freezes], [null, 0]);
  });

  it("jitter is the audio's: video's is inflated by its frame bursts", () => {
    const s = sampleOf(null, report(audio(100, 0, 0.012), video(300, { jitter: 0.09 })));
    assert.equal(s.jitterMs, 12);
  });

  it('loss, arrivals and freezes are counted over the interval; the worse direction of loss counts', () => {
    const prev = report(...pair(0.05), audio(100, 0), video(300, { freezeCount: 1 }));
    const next = report(...pair(0.62), audio(190, 10, 0.045), video(400, { freezeCount: 3, framesPerSecond: 8 }), {
      id: 'R',
      type: 'remote-inbound-rtp',
      fractionLost: 0.02,
    });
    assert.deepEqual(sampleOf(prev, next), { rttMs: 620, lossPct: 5, jitterMs: 45, fps: 8, freezes: 2, received: true });
  });

  it('nothing arrived in the interval: received false', () => {
    const prev = report(...pair(0.05), audio(100, 0));
    assert.equal(sampleOf(prev, report(...pair(0.05), audio(100, 0))).received, false);
  });

  it('no selected pair: the RTCP round trip; no video decoded yet: no fps', () => {
    const s = sampleOf(null, report({ id: 'R', type: 'remote-inbound-rtp', roundTripTime: 0.3 }, video(0, { framesDecoded: 0 })));
    assert.equal(s.rttMs, 300);
    assert.equal(s.fps, null);
  });
});
