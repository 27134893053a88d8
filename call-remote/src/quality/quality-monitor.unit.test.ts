import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { PushPayload, ServerEventName } from '@flint/shared';
import type { CallSnapshot } from '../fsm/index.ts';
import { FIXTURES, S } from '../fsm/test-fixtures.ts';
import type { MediaEngine } from '../media/media-engine.ts';
import { QualityMonitor } from './quality-monitor.ts';
import type { StatsReport } from './stats-sample.ts';

/** A connection's stats at one moment: a round trip, audio packets received so far. */
function stats(rttS: number, received: number, fps?: number): StatsReport {
  const video = {
    id: 'V',
    type: 'inbound-rtp',
    kind: 'video',
    packetsReceived: received,
    packetsLost: 0,
    framesDecoded: received,
    framesPerSecond: fps,
    freezeCount: 0,
  };
  const all: Array<Record<string, unknown> & { id: string; type: string }> = [
    ...(fps === undefined ? [] : [video]),
    { id: 'T', type: 'transport', selectedCandidatePairId: 'P' },
    { id: 'P', type: 'candidate-pair', currentRoundTripTime: rttS },
    { id: 'A', type: 'inbound-rtp', kind: 'audio', packetsReceived: received, packetsLost: 0, jitter: 0.005 },
  ];
  const map = new Map(all.map((s) => [s.id, s]));
  return {
    forEach: (cb) => {
      for (const s of map.values()) cb(s);
    },
    get: (id) => map.get(id),
  };
}

function world(start: CallSnapshot = FIXTURES.active) {
  let snapshot = start;
  const timers: Array<() => void> = [];
  const requests: Array<[string, unknown]> = [];
  const steps: number[] = [];
  const handlers = new Map<string, (p: unknown) => void>();
  let next: StatsReport = stats(0.02, 0);
  const engine = {
    stats: async () => next as unknown as RTCStatsReport,
    setVideoStep: async (step: number) => void steps.push(step),
  } as unknown as MediaEngine;
  const host = { addController: () => {}, removeController: () => {}, requestUpdate: () => {}, updateComplete: Promise.resolve(true) };
  const monitor = new QualityMonitor(host, {
    snapshot: () => snapshot,
    engine: async () => engine,
    peerSendsVideo: () => true,
    realtime: {
      request: async (event, payload) => {
        requests.push([event, payload]);
        return { ok: true, data: null } as never;
      },
      subscribe: (event, handler) => {
        handlers.set(event, handler as (p: unknown) => void);
        return () => handlers.delete(event);
      },
      $connection: { subscribe: () => () => {} },
    },
    clock: {
      now: () => 0,
      setTimeout: (fn) => timers.push(fn),
      clearTimeout: () => timers.splice(0),
    },
  });
  monitor.hostConnected();
  monitor.hostUpdate();
  return {
    monitor,
    requests,
    steps,
    timers,
    /** Runs the pending sample with `report` as what getStats answers, and lets it finish. */
    async sample(report: StatsReport) {
      next = report;
      const fire = timers.shift();
      assert.ok(fire, 'a sample is scheduled');
      fire();
      // Done when it scheduled the next one (the measuring half is a dynamic import: a few turns).
      for (let i = 0; i < 200 && timers.length === 0; i++) await new Promise((r) => setTimeout(r, 1));
    },
    push<E extends ServerEventName>(event: E, payload: PushPayload<E>) {
      handlers.get(event)?.(payload);
    },
    move(to: CallSnapshot) {
      snapshot = to;
      monitor.hostUpdate();
    },
  };
}

describe('QualityMonitor', () => {
  // The measuring half is imported on the first sample; load it once so a sample settles in a few ticks.
  before(() => import('./measure.ts'));

  it('samples only while a stage is active', () => {
    assert.equal(world(FIXTURES.connecting).timers.length, 0);
    assert.equal(world(FIXTURES.intermission).timers.length, 0);
    assert.equal(world().timers.length, 1);
  });

  it('a poor sample: shown, said once, video stepped down, reported with its figures', async () => {
    const w = world();
    await w.sample(stats(0.02, 100)); // the first report only primes the counters
    assert.deepEqual(w.requests, []);
    await w.sample(stats(0.6, 200));
    assert.deepEqual(w.monitor.view, { mine: 'poor', peer: null, step: 1, alert: { who: 'mine', level: 'poor' } });
    assert.deepEqual(w.steps, [1]);
    assert.deepEqual(w.requests, [
      ['call:quality', { sessionId: S, stage: 1, level: 'poor', rttMs: 600, lossPct: 0, jitterMs: 5, fps: null, videoStep: 1 }],
    ]);
    const alert = w.monitor.view.alert;
    await w.sample(stats(0.6, 300));
    assert.equal(w.monitor.view.alert, alert, 'still poor: nothing new to say');
    await w.sample(stats(0.6, 300));
    assert.deepEqual(w.monitor.view.alert, { who: 'mine', level: 'lost' }, 'nothing arrived: lost');
    await w.sample(stats(0.02, 400));
    assert.equal(w.monitor.view.mine, 'good');
    assert.equal(w.monitor.view.alert, null, 'recovered: the alert is withdrawn');
  });

  it('a video stage: a slow picture from the peer is shown, but our video follows the network alone', async () => {
    const w = world(FIXTURES.nextStage);
    w.move({ ...FIXTURES.active, context: { ...FIXTURES.active.context, media: 'video' } });
    await w.sample(stats(0.02, 100, 30));
    await w.sample(stats(0.02, 200, 4));
    assert.equal(w.monitor.view.mine, 'poor', 'shown as it is');
    assert.deepEqual(w.steps, [0], 'a clean network: full quality');
  });

  it("the other side's level for this session and stage only; a new stage starts unknown", async () => {
    const w = world();
    w.push('call:peer-quality', { sessionId: S, stage: 2, level: 'lost' });
    assert.equal(w.monitor.view.peer, null, 'another stage');
    w.push('call:peer-quality', { sessionId: S, stage: 1, level: 'poor' });
    assert.deepEqual(w.monitor.view, { mine: null, peer: 'poor', step: 0, alert: { who: 'peer', level: 'poor' } });
    w.move(FIXTURES.intermission);
    assert.deepEqual(w.monitor.view, { mine: null, peer: null, step: 0, alert: null });
    assert.equal(w.timers.length, 0, 'no sampling in the intermission');
  });
});

describe('QualityMonitor across a drop', () => {
  it('a sample in flight when the stage pauses and resumes never starts a second sampling loop', async () => {
    const w = world();
    const fire = w.timers.shift()!;
    fire(); // a sample starts (its getStats is still pending)
    w.move(FIXTURES.reconnectingSocket);
    w.move(FIXTURES.active);
    for (let i = 0; i < 100; i++) await new Promise((r) => setTimeout(r, 1));
    assert.equal(w.timers.length, 1, 'one loop');
  });
});
