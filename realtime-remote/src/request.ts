/**
 * `request()`: every client→server event is a request with an ack (ARCHITECTURE §6). The result is
 * always an `Ack`, never a throw, so callers handle one shape: a lost connection or a timeout is
 * just another error code.
 */
import { type Ack, type AckData, type ClientEventName, type ErrorBody, ErrorCode, fail, type RequestPayload } from '@flint/shared';
import { type Connection, NotConfiguredError } from './connection.ts';
import type { Holders } from './holders.ts';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface RequestOptions {
  /** How long to wait for the ack, including time spent waiting for a connection. */
  timeoutMs?: number;
}

/** A request typed by its event name: the payload it takes and the ack it answers come from the contract. */
export type Request = <E extends ClientEventName>(
  event: E,
  payload: RequestPayload<E>,
  options?: RequestOptions,
) => Promise<Ack<AckData<E>>>;

export function createRequest(connection: Connection, holders: Holders): Request {
  return async function request<E extends ClientEventName>(
    event: E,
    payload: RequestPayload<E>,
    { timeoutMs = DEFAULT_TIMEOUT_MS }: RequestOptions = {},
  ): Promise<Ack<AckData<E>>> {
    const { status } = connection.state();
    if (status === 'unauthorized') return fail(ErrorCode.UNAUTHORIZED, 'the session token was rejected');
    if (status === 'outdated') return fail(ErrorCode.OUTDATED, 'this page is out of date: reload it');
    const release = holders.acquire();
    try {
      return toAck<AckData<E>>(await connection.emit(event, payload, timeoutMs));
    } catch (err) {
      return failureFor(err);
    } finally {
      release();
    }
  };
}

function toAck<T>(value: unknown): Ack<T> {
  const v = value as { ok?: unknown; data?: unknown; error?: Partial<ErrorBody> } | null;
  if (v?.ok === true) return { ok: true, data: v.data as T };
  if (v?.ok === false && typeof v.error?.code === 'string') {
    return { ok: false, error: { code: v.error.code, message: String(v.error.message ?? '') } };
  }
  return fail(ErrorCode.INTERNAL, 'the server sent a malformed acknowledgement');
}

// socket.io-client rejects emitWithAck with these two messages (socket.js `_registerAckCallback`
// and `_clearAcks`); anything else is unexpected.
function failureFor(err: unknown): Ack<never> {
  if (err instanceof NotConfiguredError) return fail(ErrorCode.UNAUTHORIZED, 'not signed in: configure() first');
  const message = err instanceof Error ? err.message : '';
  if (message === 'operation has timed out') return fail(ErrorCode.TIMEOUT, 'no answer from the server in time');
  if (message === 'socket has been disconnected') {
    return fail(ErrorCode.DISCONNECTED, 'the connection dropped before the server answered');
  }
  return fail(ErrorCode.INTERNAL, 'the request failed unexpectedly');
}
