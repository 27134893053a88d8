/**
 * The stall recovery: a stage whose connection is negotiated but never connects does not run on in
 * silence. Both sides report `failed` (the call shows RECONNECTING), the impolite side starts over
 * on a new connection, the polite side follows, and media flows. Real RTCPeerConnections in one
 * page; the relay (race-relay.ts) loses every ICE candidate of the first connections, which leaves
 * ICE with nothing to check.
 */

import { assert, until } from '@flint/test-support';
import { allowAudio, capture } from '../test-media.ts';
import { Lane, racePeer } from './race-relay.ts';
import { audioFlows, closeLater, release } from './test-checks.ts';
import { prepareFor } from './test-support.ts';

before(allowAudio);
afterEach(release);

const STALL_MS = 1_500;

/** Loses the candidates of the first connection that sends down `lane`, and nothing else. */
function loseFirstCandidates(lane: Lane): void {
  let first: unknown;
  lane.drop = (data) => {
    first ??= data.from;
    return 'candidate' in data && data.from === first;
  };
}

const connections = (sent: Record<string, unknown>[]) => new Set(sent.map((d) => d.from)).size;

describe('webrtc engine: a stage that never connects', () => {
  it('is reported failed, rebuilt by the impolite side, followed by the polite side, and gets media', async function () {
    (this as { timeout(ms: number): void }).timeout(60_000);
    const [toPolite, toImpolite] = [new Lane(), new Lane()];
    loseFirstCandidates(toPolite);
    loseFirstCandidates(toImpolite);
    const a = racePeer(toPolite, toImpolite, { stallMs: STALL_MS });
    const b = racePeer(toImpolite, toPolite, { stallMs: STALL_MS });
    closeLater(a, b);
    await a.engine.start(prepareFor(1, 'audio', false), capture('audio'));
    await b.engine.start(prepareFor(1, 'audio', true), capture('audio'));
    const both = (state: string) => a.links.includes(state as never) && b.links.includes(state as never);
    await until(() => both('failed'), 'both sides to report the stall', 10_000);
    await until(() => a.links.at(-1) === 'connected' && b.links.at(-1) === 'connected', 'both connected again', 10_000);
    // Only now: the first connection's remote tracks exist too, but never carry anything.
    await Promise.all([audioFlows(a, 'audio at the impolite side'), audioFlows(b, 'audio at the polite side')]);
    assert.strictEqual(a.links.at(-1), 'connected', 'the impolite side ends connected');
    assert.strictEqual(b.links.at(-1), 'connected', 'the polite side ends connected');
    assert.strictEqual(connections(a.sent), 2, 'the impolite side started over once');
    assert.strictEqual(connections(b.sent), 2, 'the polite side followed once');
  });

  it('an intermission stops the watch: a paused stage is not rebuilt', async function () {
    (this as { timeout(ms: number): void }).timeout(30_000);
    const [toPolite, toImpolite] = [new Lane(), new Lane()];
    loseFirstCandidates(toPolite);
    loseFirstCandidates(toImpolite);
    const a = racePeer(toPolite, toImpolite, { stallMs: STALL_MS });
    const b = racePeer(toImpolite, toPolite, { stallMs: STALL_MS });
    closeLater(a, b);
    await a.engine.start(prepareFor(1, 'audio', false), capture('audio'));
    await b.engine.start(prepareFor(1, 'audio', true), capture('audio'));
    await Promise.all([a.engine.pause(), b.engine.pause()]);
    await new Promise((r) => setTimeout(r, STALL_MS * 2));
    assert.ok(!a.links.includes('failed') && !b.links.includes('failed'), `no stall reported while paused (${a.links} / ${b.links})`);
    assert.strictEqual(connections(a.sent), 1, 'the impolite side kept its connection');
  });
});
