/**
 * The lifecycle of the tab's one socket: created on first need, opened while anyone holds it,
 * closed when idle, restarted for a new token or URL, and moved to a new transport set when the
 * connection mode changes, without losing requests made around the switch.
 */

import { type ConnectionMode, transportsFor } from '@flint/shared';
import { atom } from 'nanostores';
import type { Socket } from 'socket.io-client';
import {
  type ConnectionState,
  type ConnectionStatus,
  type ConnectOptions,
  INITIAL_CONNECTION,
  isConnectionMode,
  readToken,
} from './connection-state.ts';
import { createSocket, retryDelayMs } from './create-socket.ts';

/** How long a mode switch waits for requests already sent to be acknowledged before it cuts over. */
const DRAIN_CAP_MS = 3_000;

export class NotConfiguredError extends Error {}

export function createConnection(onEvent: (event: string, payload: unknown) => void) {
  const $connection = atom<ConnectionState>(INITIAL_CONNECTION);
  // Kept here, not read back with $connection.get(): get() on an unmounted store mounts it for a
  // moment, and mounting $connection is what opens the socket.
  let state = INITIAL_CONNECTION;
  const patch = (change: Partial<ConnectionState>) => {
    state = { ...state, ...change };
    $connection.set(state);
  };
  const connectListeners = new Set<() => void>();
  const inFlight = new Set<Promise<unknown>>();
  let options: ConnectOptions | null = null;
  let socket: Socket | null = null;
  let socketUrl = '';
  let handshakeToken: string | null = null;
  let wanted = false;
  let quiet = false;
  let switching: Promise<void> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retries = 0;

  const targetUrl = () => options?.url ?? globalThis.location.origin;
  /** The server refused this socket: nothing reconnects until configure() changes what was refused. */
  const refused = () => state.status === 'unauthorized' || state.status === 'outdated';

  // When the network goes away the browser may keep a WebSocket "open" until a ping times out
  // (tens of seconds): the store would say connected while every emit is lost in flight. Closing the
  // transport at once moves to `reconnecting`, so emits wait in socket.io's buffer instead.
  // engine.io-client does this itself, except when the host name is "localhost" (its own
  // exception), which is exactly what development and the e2e suite use.
  globalThis.addEventListener?.('offline', () => socket?.io.engine?.close());

  function open(status: ConnectionStatus = 'connecting'): void {
    if (!wanted || !options || refused()) return;
    if (!socket) {
      socketUrl = targetUrl();
      socket = createSocket({
        url: socketUrl,
        mode: state.mode,
        auth: () => {
          handshakeToken = options ? readToken(options) : null;
          return { token: handshakeToken };
        },
        patch,
        quiet: () => quiet,
        onEvent,
        onConnect: () => {
          retries = 0;
          for (const listener of connectListeners) listener();
        },
        onGivenUp: scheduleRetry,
      });
    }
    // A retry already scheduled keeps its jitter; emits wait in socket.io's buffer until then.
    if (socket.active || retryTimer) return;
    patch({ status, attempt: 0 });
    socket.connect();
  }

  /**
   * socket.io does not retry a socket the server disconnected on purpose: every deploy would strand
   * every open page. As long as someone still wants the connection, try again after a jittered
   * backoff; a failing attempt then continues in socket.io's own reconnect loop.
   */
  function scheduleRetry(): void {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    if (!wanted || refused()) return;
    retries += 1;
    patch({ status: 'reconnecting', attempt: retries });
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (wanted && socket && !socket.active && !refused()) socket.connect();
    }, retryDelayMs(retries));
  }

  /** Closes without reporting a failure; a refusal (`unauthorized`, `outdated`) stays as it is. */
  function close(status: ConnectionStatus = 'idle'): void {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    retries = 0;
    if (!socket) return;
    quiet = true;
    socket.disconnect();
    quiet = false;
    if (!refused()) {
      patch({ status, socketId: null, transport: null, attempt: 0 });
    }
  }

  function configure(next: ConnectOptions): void {
    if (next.mode) setMode(next.mode);
    const moved = (next.url ?? globalThis.location.origin) !== targetUrl();
    options = next;
    // A new token may be accepted; an outdated page stays outdated unless it talks to another server.
    if (state.status === 'unauthorized' || (state.status === 'outdated' && moved)) patch({ status: 'idle', lastError: undefined });
    if (socket && targetUrl() !== socketUrl) {
      close();
      socket.offAny();
      socket = null;
    }
    refresh();
  }

  /** Opens if needed; restarts if the token changed since the last handshake (a new sign-in). */
  function refresh(): void {
    if (options && socket?.active && readToken(options) !== handshakeToken) close();
    open();
  }

  async function drainInFlight(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_CAP_MS)));
    await Promise.race([Promise.allSettled([...inFlight]), cap]);
    clearTimeout(timer);
  }

  /**
   * Applies a connection mode. Requests already sent are acknowledged first (a disconnect would
   * fail their acks); requests made meanwhile wait for the switch, then sit in socket.io's send
   * buffer until the new transport connects, so nothing is lost.
   */
  function setMode(mode: ConnectionMode): void {
    if (!isConnectionMode(mode) || mode === state.mode) return;
    patch({ mode });
    if (!socket) return;
    socket.io.opts.transports = transportsFor(mode);
    if (!socket.active) return;
    const run = (switching ?? Promise.resolve()).then(async () => {
      await drainInFlight();
      if (!socket?.active) return;
      close('reconnecting');
      open('reconnecting');
    });
    switching = run;
    void run.finally(() => {
      if (switching === run) switching = null;
    });
  }

  async function emit(event: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    while (switching) await switching;
    open();
    if (!socket) throw new NotConfiguredError('configure() was not called');
    const ack = socket.timeout(Math.max(0, deadline - Date.now())).emitWithAck(event, payload);
    inFlight.add(ack);
    const forget = () => inFlight.delete(ack);
    ack.then(forget, forget);
    return ack;
  }

  return {
    $connection,
    state: (): ConnectionState => state,
    configure,
    setMode,
    emit,
    refresh,
    activate(): void {
      wanted = true;
      open();
    },
    deactivate(): void {
      wanted = false;
      close();
    },
    onConnect(listener: () => void): void {
      connectListeners.add(listener);
    },
  };
}

export type Connection = ReturnType<typeof createConnection>;
