/**
 * What the call controller needs from the outside world, injected so tests (and other hosts) can
 * hand in their own: the tab's socket store, the hardware gate, a media engine factory, a clock.
 */
import type { Ack, AckData, ClientEventName, PushPayload, RequestPayload, ServerEventName, StageMedia } from '@flint/shared';
import type { MediaEngineFactory } from '../media/media-engine.ts';

/** The subset of realtime-remote's `./socket-store` the call uses. */
export interface RealtimePort {
  request<E extends ClientEventName>(event: E, payload: RequestPayload<E>): Promise<Ack<AckData<E>>>;
  subscribe<E extends ServerEventName>(event: E, handler: (payload: PushPayload<E>) => void): () => void;
  $connection: { subscribe(listener: (value: { status: string }) => void): () => void };
}

/** The hardware gate: acquire exactly what a stage needs, or reject with a DeviceError. */
export interface GatePort {
  acquire(media: StageMedia): Promise<MediaStream>;
  /** Calls `onGranted` when the stage's permissions turn to granted; returns the stop function. */
  watchPermissions(media: StageMedia, onGranted: () => void): () => void;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface CallPorts {
  realtime: RealtimePort;
  gate: GatePort;
  media: MediaEngineFactory;
  clock: Clock;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
};
