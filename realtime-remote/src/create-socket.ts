/**
 * Builds the one Manager + Socket pair and mirrors socket.io's lifecycle into `$connection`
 * patches. Reconnection (exponential backoff with jitter) is socket.io's own Manager loop; we only
 * choose its timings and report the attempt number.
 */

import { type ConnectionMode, ErrorCode, PROTOCOL_VERSION, transportsFor } from '@flint/shared';
import { Manager, type Socket } from 'socket.io-client';
import type { ConnectionState, TransportName } from './connection-state.ts';
import { tabId } from './tab-id.ts';

/** First retry after ~0.5 s, doubling up to 10 s, each delay randomised by ±50 %. */
export const BACKOFF = {
  reconnectionDelay: 500,
  reconnectionDelayMax: 10_000,
  randomizationFactor: 0.5,
} as const;

/**
 * The delay before retry number `attempt` (1-based) of a socket socket.io gave up on, with the same
 * curve as its own loop: the jitter spreads a whole fleet of pages dropped by one server restart
 * over time instead of sending them back in one burst. `random` is injectable for tests.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF.reconnectionDelay * 2 ** Math.max(0, attempt - 1), BACKOFF.reconnectionDelayMax);
  return Math.round(base * (1 + BACKOFF.randomizationFactor * (2 * random() - 1)));
}

export interface SocketWiring {
  url: string;
  mode: ConnectionMode;
  /** Called at every handshake; its result becomes `auth` (with the protocol version and tab id added). */
  auth: () => { token: string | null };
  patch: (change: Partial<ConnectionState>) => void;
  /** True while we close the socket on purpose, so the close is not reported as a failure. */
  quiet: () => boolean;
  onEvent: (event: string, payload: unknown) => void;
  onConnect: () => void;
  /**
   * The socket went down and socket.io will not retry it by itself: the server disconnected it on
   * purpose ("io server disconnect", e.g. a node shutting down) or a handshake middleware failed
   * for a reason other than a refusal. The connection decides whether it still wants to reconnect.
   */
  onGivenUp: () => void;
}

export function createSocket(w: SocketWiring): Socket {
  const manager = new Manager(w.url, { autoConnect: false, transports: transportsFor(w.mode), ...BACKOFF });
  // `tab`: which browser tab this is, so the server knows which one owns a call (tab-id.ts).
  const socket = manager.socket('/', {
    auth: (cb) => {
      const auth = { ...w.auth(), protocol: PROTOCOL_VERSION };
      void tabId().then((tab) => cb({ ...auth, tab }));
    },
  });
  const transportName = () => manager.engine.transport.name as TransportName;

  manager.on('open', () => manager.engine.on('upgrade', () => w.patch({ transport: transportName() })));
  manager.on('reconnect_attempt', (attempt) => w.patch({ status: 'reconnecting', attempt }));
  socket.on('connect', () => {
    w.patch({ status: 'connected', socketId: socket.id ?? null, transport: transportName(), attempt: 0, lastError: undefined });
    w.onConnect();
  });
  socket.on('connect_error', (err) => {
    // A rejected handshake destroys the socket (socket.io does not retry middleware errors), so an
    // unauthorized socket stays down until configure() brings a new token, and an outdated page
    // until it is reloaded (no token can fix that).
    if (err.message === ErrorCode.UNAUTHORIZED || err.message === ErrorCode.OUTDATED) {
      const status = err.message === ErrorCode.OUTDATED ? 'outdated' : 'unauthorized';
      w.patch({ status, socketId: null, transport: null, attempt: 0, lastError: err.message });
    } else {
      w.patch({ status: socket.active ? 'reconnecting' : 'disconnected', lastError: err.message });
      if (!socket.active) w.onGivenUp();
    }
  });
  socket.on('disconnect', (reason) => {
    if (w.quiet()) return;
    // `active` is still true when the Manager will retry (transport loss); false after the server
    // closed us on purpose ("io server disconnect"), which socket.io never retries by itself.
    w.patch({ status: socket.active ? 'reconnecting' : 'disconnected', socketId: null, transport: null, lastError: reason });
    if (!socket.active) w.onGivenUp();
  });
  socket.onAny((event: string, payload: unknown) => w.onEvent(event, payload));
  return socket;
}
