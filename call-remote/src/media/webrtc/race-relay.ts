/**
 * Signaling relays for the negotiation race tests: the same two engines with REAL RTCPeerConnections
 * as test-support.ts, but the relay decides WHEN each signal arrives. Like the server (one socket.io
 * connection per side), each direction keeps its order; only the two directions interleave freely.
 */
import type { MediaLinkState, SignalingPort } from '../media-engine.ts';
import { connectionOf, type TestPeer } from './test-support.ts';
import { createWebrtcEngine } from './webrtc-engine.ts';

type Data = Record<string, unknown>;

export interface RacePeer extends TestPeer {
  signaling: SignalingPort;
}

/** One direction of the wire: delivers in order, each signal `delay()` ms after the one before at the earliest. */
export class Lane {
  readonly held: Data[] = [];
  holding = false;
  /** Signals lost on the way (what a lossy relay or a bug would do). */
  drop: (data: Data) => boolean = () => false;
  #last = 0;
  #handler: ((data: Data) => void) | undefined;

  constructor(private readonly delay: () => number = () => 0) {}

  listen(handler: (data: Data) => void): () => void {
    this.#handler = handler;
    return () => {
      if (this.#handler === handler) this.#handler = undefined;
    };
  }

  push(data: Data): void {
    const wire = JSON.parse(JSON.stringify(data)) as Data; // as over the socket: plain JSON
    if (this.drop(wire)) return;
    if (this.holding) return void this.held.push(wire);
    this.#last = Math.max(this.#last, performance.now()) + this.delay();
    setTimeout(() => this.#handler?.(wire), this.#last - performance.now());
  }

  /** Hands every held signal over in the same task, as a socket delivers a burst of frames. */
  release(): void {
    this.holding = false;
    for (const data of this.held.splice(0)) this.#handler?.(data);
  }
}

/** An engine whose outgoing signals go into `out` and whose incoming ones come from `port` (default: `into`). */
export function racePeer(out: Lane, into: Lane, options: { stallMs?: number; port?: SignalingPort } = {}): RacePeer {
  const sent: Data[] = [];
  const signaling: SignalingPort = options.port ?? {
    send: (data) => {
      sent.push(data);
      out.push(data);
    },
    onSignal: (handler) => into.listen(handler),
  };
  let stream: MediaStream | null = null;
  const links: MediaLinkState[] = [];
  const engine = createWebrtcEngine({
    signaling,
    callbacks: { onRemoteStream: (s) => (stream = s), onLinkState: (l) => links.push(l) },
    stallMs: options.stallMs,
  });
  return { engine, remote: () => stream, links, sent, signaling, pc: () => connectionOf(engine) };
}

/** A small seeded PRNG (mulberry32), so a failing run can be replayed from its printed seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
