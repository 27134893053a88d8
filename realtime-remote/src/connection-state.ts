/** The shape of `$connection` and the small helpers that read connection settings. */
import { ConnectionMode } from '@flint/shared';

/**
 * `unauthorized`: the token was refused (a new one via configure() retries). `outdated`: the server
 * no longer speaks this page's protocol version; only reloading the page helps.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'unauthorized' | 'outdated';

export type TransportName = 'polling' | 'websocket';

export interface ConnectionState {
  status: ConnectionStatus;
  socketId: string | null;
  transport: TransportName | null;
  mode: ConnectionMode;
  /** Reconnect attempt in progress (1-based); 0 while connected or idle. */
  attempt: number;
  /** Last connect error or disconnect reason, for diagnostics; cleared on connect. */
  lastError?: string;
}

export const INITIAL_CONNECTION: ConnectionState = {
  status: 'idle',
  socketId: null,
  transport: null,
  mode: ConnectionMode.AUTO,
  attempt: 0,
};

export interface ConnectOptions {
  /** Origin of the Socket.IO endpoint; defaults to the page's origin. */
  url?: string;
  /** Read at every (re)connect and sent only in the handshake `auth`, never in the URL. */
  token: string | (() => string | null);
  /**
   * The server's connection mode (`GET /api/config` → `connectionMode`), so the first connection
   * already uses the right transports; later changes arrive as `connection:mode` pushes.
   */
  mode?: ConnectionMode;
}

const MODES: readonly string[] = Object.values(ConnectionMode);

export function isConnectionMode(value: unknown): value is ConnectionMode {
  return typeof value === 'string' && MODES.includes(value);
}

export function readToken(options: ConnectOptions): string | null {
  return typeof options.token === 'function' ? options.token() : options.token;
}
