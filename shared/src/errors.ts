/**
 * Error codes the server may send to clients. The server never sends raw exception text:
 * every failure is mapped to one of these codes plus a human-readable message.
 */
export const ErrorCode = {
  INVALID_PAYLOAD: 'invalid-payload',
  UNKNOWN_EVENT: 'unknown-event',
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not-found',
  RATE_LIMITED: 'rate-limited',
  BUSY: 'busy',
  WRONG_STATE: 'wrong-state',
  CONFLICT: 'conflict',
  TOO_LARGE: 'too-large',
  TIMEOUT: 'timeout',
  DISCONNECTED: 'disconnected',
  INTERNAL: 'internal',
  /** Handshake only: the page's code speaks a protocol this server no longer accepts; reload it. */
  OUTDATED: 'outdated',
  /** Handshake only: this user already holds the most sockets one user may (FLINT_MAX_SOCKETS_PER_USER). */
  TOO_MANY_CONNECTIONS: 'too-many-connections',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** The shape of every Socket.IO acknowledgement and every typed `request()` result. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export const ok = <T>(data: T): Ack<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string): Ack<never> => ({
  ok: false,
  error: { code, message },
});
