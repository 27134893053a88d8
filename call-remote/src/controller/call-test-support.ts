/**
 * Browser-test support for the element against the REAL server: a matched pair where `a` is this
 * tab (the socket store) and `b` a second raw socket.io client (the other person's device), a
 * gate over synthetic capture, and a recording media engine (the engines have their own tests).
 */
import type { Ack, AckData, CallPrepare, ClientEventName, Match, PushPayload, RequestPayload, ServerEventName } from '@flint/shared';
import { api, matchedPair, serverUrl, type TestUser, until } from '@flint/test-support';
import { configure, connect } from 'realtime/socket-store';
import { io, type Socket } from 'socket.io-client';
import { DeviceError } from '../gate/device-error.ts';
import type { MediaEngine, MediaEngineCallbacks, MediaEngineFactory, SignalingPort } from '../media/media-engine.ts';
import { capture } from '../media/test-media.ts';
import type { GatePort } from './ports.ts';

export interface Peer {
  user: TestUser;
  socket: Socket;
  /** Every server event b received, in order. */
  received: Array<[string, unknown]>;
  emit<E extends ClientEventName>(event: E, payload: RequestPayload<E>): Promise<Ack<AckData<E>>>;
  /** Waits for the next (not yet consumed) `event` and returns its payload, typed by the contract. */
  next<E extends ServerEventName>(event: E): Promise<PushPayload<E>>;
}

export async function callPair(prefix: string): Promise<{ a: TestUser; b: Peer; matchId: string; conversationId: string }> {
  const { a, b, conversationId } = await matchedPair(prefix);
  const matches = await api<Match[]>('GET', '/api/matches', { token: a.token });
  const matchId = matches.body.find((m) => m.conversationId === conversationId)!.id;
  configure({ token: a.token });
  connect();
  const socket = io(await serverUrl(), { auth: { token: b.token }, transports: ['websocket'], forceNew: true });
  const received: Array<[string, unknown]> = [];
  socket.onAny((event: string, payload: unknown) => received.push([event, payload]));
  let seen = 0;
  const peer: Peer = {
    user: b,
    socket,
    received,
    emit: (event, payload) => socket.timeout(5_000).emitWithAck(event, payload),
    async next<E extends ServerEventName>(event: E) {
      const at = await until(
        () => {
          const i = received.findIndex(([e], index) => index >= seen && e === event);
          return i >= 0 ? i + 1 : 0;
        },
        `b to receive ${event}`,
        8_000,
      );
      seen = at;
      return received[at - 1]![1] as PushPayload<E>;
    },
  };
  await until(() => socket.connected, 'b connected');
  return { a, b: peer, matchId, conversationId };
}

/** A gate over synthetic capture; `failures` are thrown (in order) before it succeeds. */
export function testGate(failures: string[] = []): GatePort & { asked: string[]; streams: MediaStream[] } {
  const asked: string[] = [];
  const streams: MediaStream[] = [];
  return {
    asked,
    streams,
    async acquire(media) {
      asked.push(media);
      const failure = failures.shift();
      if (failure) throw DeviceError.from(new DOMException('test', failure));
      const stream = capture(media);
      streams.push(stream);
      return stream;
    },
    watchPermissions: () => () => undefined,
  };
}

export interface RecordingMedia {
  factory: MediaEngineFactory;
  log: string[];
  signaling(): SignalingPort;
  callbacks(): MediaEngineCallbacks;
}

/** An engine that records what the controller asked of it, with the deps it was given. */
export function recordingMedia(): RecordingMedia {
  const log: string[] = [];
  let deps: Parameters<MediaEngineFactory>[1] | null = null;
  const engine: MediaEngine = {
    kind: 'webrtc',
    start: async (prepare: CallPrepare, local: MediaStream) =>
      void log.push(
        `start:${prepare.stage}:${local
          .getTracks()
          .map((t) => t.kind)
          .join('+')}`,
      ),
    pause: async () => void log.push('pause'),
    setSending: (kind, enabled) => void log.push(`send:${kind}:${enabled}`),
    close: async () => void log.push('close'),
  };
  return {
    log,
    factory: async (_kind, d) => {
      deps = d;
      return engine;
    },
    signaling: () => deps!.signaling,
    callbacks: () => deps!.callbacks,
  };
}
