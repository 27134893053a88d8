/**
 * The engine's SignalingPort over `call:signal`. Incoming signaling is kept for the current session
 * only, and BUFFERED until the engine registers: the peer's offer routinely arrives while this side
 * is still in its hardware gate, before any engine exists.
 */
import type { IceConfig } from '@flint/shared';
import type { SignalingPort } from '../media/media-engine.ts';
import type { RealtimePort } from './ports.ts';

type SignalData = Record<string, unknown>;

/** More than a negotiation ever needs; a bound so a stuck gate cannot grow memory forever. */
const MAX_BUFFERED = 500;

export class SignalRelay implements SignalingPort {
  #sessionId: string | null = null;
  #handler: ((data: SignalData) => void) | null = null;
  #buffer: SignalData[] = [];

  constructor(private readonly realtime: RealtimePort) {}

  /** Follows the call's session; a new (or no) session drops what was buffered for the old one. */
  bind(sessionId: string | null): void {
    if (sessionId === this.#sessionId) return;
    this.#sessionId = sessionId;
    this.#buffer = [];
  }

  send(data: SignalData): void {
    if (this.#sessionId) void this.realtime.request('call:signal', { sessionId: this.#sessionId, data });
  }

  async renewIce(): Promise<IceConfig | null> {
    if (!this.#sessionId) return null;
    const ack = await this.realtime.request('call:ice-servers', { sessionId: this.#sessionId });
    return ack.ok ? ack.data : null;
  }

  onSignal(handler: (data: SignalData) => void): () => void {
    this.#handler = handler;
    const pending = this.#buffer;
    this.#buffer = [];
    for (const data of pending) handler(data);
    return () => {
      if (this.#handler === handler) this.#handler = null;
    };
  }

  /** A `call:signal` from the server. */
  receive(payload: { sessionId: string; data: SignalData }): void {
    if (!this.#sessionId || payload.sessionId !== this.#sessionId) return;
    if (this.#handler) this.#handler(payload.data);
    else if (this.#buffer.length < MAX_BUFFERED) this.#buffer.push(payload.data);
  }
}
