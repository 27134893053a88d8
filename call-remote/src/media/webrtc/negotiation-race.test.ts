/**
 * Regression tests for the staged call that never got media (docs/benchmarks.md, "A Flint call
 * sometimes never gets media"): the offerer's offer and first candidates reach the answerer while it
 * is still starting. Real RTCPeerConnections in one page; only the relay is ours
 * (race-relay.ts), and it decides when each signal lands.
 */

import { assert } from '@flint/test-support';
import type { RealtimePort } from '../../controller/ports.ts';
import { SignalRelay } from '../../controller/signal-relay.ts';
import { allowAudio, capture } from '../test-media.ts';
import { Lane, type RacePeer, racePeer, random } from './race-relay.ts';
import { audioFlows, closeLater, release } from './test-checks.ts';
import { prepareFor } from './test-support.ts';

before(allowAudio);
afterEach(release);

const SESSION = '00000000-0000-4000-8000-000000000001';
const isCandidate = (data: Record<string, unknown>) => 'candidate' in data;
const isOffer = (data: Record<string, unknown>) => (data.description as { type?: string } | undefined)?.type === 'offer';
const start = (peer: RacePeer, polite: boolean) => peer.engine.start(prepareFor(1, 'audio', polite), capture('audio'));

/** Media both ways, on the first try: the stall recovery never had to step in. */
async function connectedFirstTime(a: RacePeer, b: RacePeer, what: string): Promise<void> {
  await Promise.all([audioFlows(a, `${what}: audio at the impolite side`), audioFlows(b, `${what}: audio at the polite side`)]);
  assert.ok(!a.links.includes('failed') && !b.links.includes('failed'), `${what}: connected without a stall (${a.links} / ${b.links})`);
  assert.ok(b.sent.some(isCandidate), `${what}: the polite side sent its ICE candidates`);
}

function timeout(test: unknown, ms: number): void {
  (test as { timeout(ms: number): void }).timeout(ms);
}

describe('webrtc engine: signals racing the negotiation', () => {
  it('the offer and its candidates land just before the answerer starts, or while it starts: it answers, never offers', async function () {
    timeout(this, 120_000);
    for (let run = 1; run <= 10; run++) {
      const [toPolite, toImpolite] = [new Lane(), new Lane()];
      const a = racePeer(toPolite, toImpolite);
      const b = racePeer(toImpolite, toPolite);
      closeLater(a, b);
      toPolite.holding = true;
      await start(a, false);
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (!toPolite.held.some(isCandidate)) return;
          clearInterval(poll);
          resolve();
        }, 10);
      });
      if (run % 2 === 0) toPolite.release();
      const starting = start(b, true);
      if (run % 2 === 1) toPolite.release();
      await starting;
      await connectedFirstTime(a, b, `run ${run}`);
      assert.ok(!b.sent.some(isOffer), `run ${run}: the answerer made no offer`);
      await release();
    }
  });

  it('random delays per signal, each direction in order, both sides starting close together', async function () {
    timeout(this, 300_000);
    const seed = Date.now() % 100_000;
    const next = random(seed);
    for (let run = 1; run <= 20; run++) {
      const [toPolite, toImpolite] = [new Lane(() => next() * 40), new Lane(() => next() * 40)];
      const a = racePeer(toPolite, toImpolite);
      const b = racePeer(toImpolite, toPolite);
      closeLater(a, b);
      const offset = next() * 40;
      await Promise.all([start(a, false), new Promise((r) => setTimeout(r, offset)).then(() => start(b, true))]);
      await connectedFirstTime(a, b, `seed ${seed}, run ${run}`);
      assert.ok(!b.sent.some(isOffer), `seed ${seed}, run ${run}: the answerer made no offer`);
      await release();
    }
  });

  it("the callee's engine comes late: the controller's relay buffers the peer's signals meanwhile", async function () {
    timeout(this, 120_000);
    const next = random(7);
    for (let run = 1; run <= 5; run++) {
      const [toPolite, toImpolite] = [new Lane(), new Lane()];
      const relay = new SignalRelay(realtimeInto(toImpolite));
      relay.bind(SESSION);
      toPolite.listen((data) => relay.receive({ sessionId: SESSION, data }));
      const a = racePeer(toPolite, toImpolite);
      closeLater(a);
      await start(a, false);
      await new Promise((r) => setTimeout(r, 50 + next() * 300)); // the callee is still in its gate
      const b = racePeer(toImpolite, toPolite, { port: relay });
      closeLater(b);
      await start(b, true);
      await Promise.all([audioFlows(a, `run ${run}: audio at the caller`), audioFlows(b, `run ${run}: audio at the callee`)]);
      assert.ok(!a.links.includes('failed') && !b.links.includes('failed'), `run ${run}: no stall`);
      await release();
    }
  });
});

/** The callee's socket as the relay sees it: `call:signal` requests go down `lane`. */
function realtimeInto(lane: Lane): RealtimePort {
  return {
    request: async (_event, payload) => {
      lane.push((payload as { data: Record<string, unknown> }).data);
      return { ok: true as const, data: null as never };
    },
    subscribe: () => () => undefined,
    $connection: { subscribe: () => () => undefined },
  };
}
