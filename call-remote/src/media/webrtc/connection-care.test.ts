/**
 * The webrtc engine on real networks, with REAL RTCPeerConnections in one page: the server's ICE
 * policy reaches the connection (relay-only with no TURN gathers nothing, so the two never connect
 * even over loopback), a stage with no path says `unreachable` instead of waiting for ever, and TURN
 * credentials are renewed on the live connection before they expire.
 */
import type { IceConfig } from '@flint/shared';
import { assert, sleep, until } from '@flint/test-support';
import { allowAudio, capture } from '../test-media.ts';
import { closeLater, release } from './test-checks.ts';
import { prepareFor, relay } from './test-support.ts';
import { createWebrtcEngine } from './webrtc-engine.ts';

before(allowAudio);
afterEach(release);

const UNREACHABLE_MS = 1_500;
const Native = RTCPeerConnection;
/** Every RTCPeerConnection the page makes (real ones, only remembered). */
let made: RTCPeerConnection[] = [];
beforeEach(() => {
  made = [];
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      made.push(this);
    }
  } as typeof RTCPeerConnection;
});
afterEach(() => {
  window.RTCPeerConnection = Native;
});

describe('webrtc engine: networks', () => {
  it('relay-only with no TURN: no candidate is offered, nothing connects, both sides say unreachable (and again while it lasts)', async function () {
    (this as { timeout(ms: number): void }).timeout(30_000);
    const wire = relay({ unreachableMs: UNREACHABLE_MS });
    const [a, b] = [wire.peer(0), wire.peer(1)];
    closeLater(a, b);
    const relayOnly = (polite: boolean) => ({ ...prepareFor(1, 'audio', polite), iceTransportPolicy: 'relay' as const });
    await a.engine.start(relayOnly(false), capture('audio'));
    await b.engine.start(relayOnly(true), capture('audio'));
    assert.strictEqual(made[0]?.getConfiguration().iceTransportPolicy, 'relay', 'the policy reached the connection');
    await until(() => a.links.filter((l) => l === 'unreachable').length >= 2, 'the impolite side reports twice', 10_000);
    await until(() => b.links.includes('unreachable'), 'the polite side reports', 5_000);
    const candidates = [...a.sent, ...b.sent].filter((d) => (d.candidate as { candidate?: string } | undefined)?.candidate);
    assert.deepEqual(candidates, [], 'no host candidate leaked');
    assert.ok(!a.links.includes('connected') && !b.links.includes('connected'), 'never connected');
  });

  it('a stage that connects never says unreachable, nor does a paused one', async function () {
    (this as { timeout(ms: number): void }).timeout(30_000);
    const wire = relay({ unreachableMs: UNREACHABLE_MS });
    const [a, b] = [wire.peer(0), wire.peer(1)];
    closeLater(a, b);
    await a.engine.start(prepareFor(1, 'audio', false), capture('audio'));
    await b.engine.start(prepareFor(1, 'audio', true), capture('audio'));
    await until(() => a.links.includes('connected') && b.links.includes('connected'), 'both connected', 10_000);
    await Promise.all([a.engine.pause(), b.engine.pause()]);
    await sleep(UNREACHABLE_MS * 2);
    assert.ok(!a.links.includes('unreachable') && !b.links.includes('unreachable'), 'no false alarm');
  });

  it('renews TURN credentials before they expire and hands them to the live connection', async function () {
    (this as { timeout(ms: number): void }).timeout(20_000);
    const fresh: IceConfig = {
      iceServers: [{ urls: 'turn:192.0.2.1:3478', username: '9999999999:me', credential: 'new' }],
      iceTransportPolicy: 'all',
      iceExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    };
    let asked = 0;
    const engine = createWebrtcEngine({
      signaling: {
        send: () => undefined,
        onSignal: () => () => undefined,
        renewIce: async () => {
          asked++;
          return fresh;
        },
      },
      callbacks: { onRemoteStream: () => undefined, onLinkState: () => undefined },
    });
    closeLater({ engine, remote: () => null, links: [], sent: [], pc: () => null });
    const old = [{ urls: 'turn:192.0.2.1:3478', username: '1:me', credential: 'old' }];
    const expiresSoon = new Date(Date.now() + 1_500).toISOString();
    await engine.start({ ...prepareFor(1, 'audio', false), iceServers: old, iceExpiresAt: expiresSoon }, capture('audio'));
    assert.strictEqual(made[0]?.getConfiguration().iceServers?.[0]?.credential, 'old');
    await until(() => made[0]?.getConfiguration().iceServers?.[0]?.credential === 'new', 'the renewed credential in use', 10_000);
    assert.strictEqual(asked, 1, 'asked once; the new ones last an hour');
  });
});
