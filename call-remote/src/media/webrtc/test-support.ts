/**
 * Helpers for the webrtc engine tests: two engines in one page, each with a REAL RTCPeerConnection. Only
 * the relay is local: an in-memory SignalingPort pair stands in for the server's `call:signal`
 * (JSON round trip and an async hop, as over a socket).
 */
import type { CallPrepare } from '@flint/shared';
import type { MediaEngine, MediaLinkState, SignalingPort } from '../media-engine.ts';
import { createWebrtcEngine, type WebrtcEngineDeps } from './webrtc-engine.ts';

export interface TestPeer {
  engine: MediaEngine;
  /** The engine's current RTCPeerConnection (for checks on its transceivers). */
  pc(): RTCPeerConnection | null;
  /** The latest stream handed to onRemoteStream. */
  remote(): MediaStream | null;
  links: MediaLinkState[];
  /** Every signal this side sent, as the server would relay it. */
  sent: Record<string, unknown>[];
}

/**
 * The relay between side 0 (impolite, the caller) and side 1 (polite, the callee). `peer(side)`
 * makes that side's engine; making a second one for a side is that person reloading the page.
 */
export function relay(options: Pick<WebrtcEngineDeps, 'unreachableMs'> = {}): { peer(side: 0 | 1): TestPeer } {
  const handlers: Array<((data: Record<string, unknown>) => void) | undefined> = [];
  const peer = (side: 0 | 1): TestPeer => {
    const sent: Record<string, unknown>[] = [];
    const signaling: SignalingPort = {
      send(data) {
        sent.push(data);
        const wire = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
        setTimeout(() => handlers[1 - side]?.(wire), 0);
      },
      onSignal(handler) {
        handlers[side] = handler;
        return () => {
          if (handlers[side] === handler) handlers[side] = undefined;
        };
      },
    };
    let stream: MediaStream | null = null;
    const links: MediaLinkState[] = [];
    const engine = createWebrtcEngine({
      ...options,
      signaling,
      callbacks: { onRemoteStream: (s) => (stream = s), onLinkState: (l) => links.push(l) },
    });
    return { engine, remote: () => stream, links, sent, pc: () => connectionOf(engine) };
  };
  return { peer };
}

export function prepareFor(stage: number, media: 'audio' | 'video', polite: boolean): CallPrepare {
  return {
    sessionId: '00000000-0000-4000-8000-000000000001',
    stage,
    stages: 3,
    media,
    engine: 'webrtc',
    // The server names the impolite side (the caller) as the one offerer.
    offerer: !polite,
    polite,
    iceServers: [],
  };
}

/** Offers a side sent: the answerer sends none, the offerer one per connection (plus ICE restarts). */
export function offersSent(peer: TestPeer): number {
  return peer.sent.filter((d) => (d.description as { type?: string } | undefined)?.type === 'offer').length;
}

export function remoteTrack(peer: TestPeer, kind: 'audio' | 'video'): MediaStreamTrack | undefined {
  return peer
    .remote()
    ?.getTracks()
    .find((track) => track.kind === kind);
}

/** m-lines of `kind` in the last description this side sent: one per kind means one transceiver. */
export function mLines(peer: TestPeer, kind: 'audio' | 'video'): number {
  const last = peer.sent.filter((d) => d.description).at(-1)?.description as { sdp?: string } | undefined;
  return last?.sdp?.split('\n').filter((line) => line.startsWith(`m=${kind} `)).length ?? 0;
}

/** The engine's connection, read from its private field (tests only). */
export const connectionOf = (engine: MediaEngine) => (engine as unknown as { pc: RTCPeerConnection | null }).pc;

export const transceivers = (peer: TestPeer) => peer.pc()?.getTransceivers() ?? [];
