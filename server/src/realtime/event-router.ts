/**
 * The single entry point for client→server socket events. Domain modules register handlers here
 * (`router.handle('chat:send', handler)`); the router does what every event needs, in this order:
 * rate limit (the user's, then the event's own per socket, if it has one) → known event → zod
 * validation → handler → ack. A handler returns the ack data or throws
 * a DomainError; anything else is acked as `internal` and only logged. Clients may omit the ack
 * callback (fire-and-forget), which is tolerated.
 */
import { type Ack, type AckData, type ClientEventName, ErrorCode, fail, ok, type RequestPayload, ServerEvent } from '@flint/shared';
import { schemas } from '@flint/shared/schemas';
import { DomainError, toErrorBody } from '../domain-error.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { parseWith } from '../validate.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';
import type { FlintSocket } from './types.ts';

export interface HandlerContext {
  socket: FlintSocket;
  userId: string;
}

/** What a handler may answer: the event's ack data from the contract (nothing at all for a `null` ack). */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler with nothing to answer returns nothing; the router acks null.
type HandlerResult<E extends ClientEventName> = AckData<E> extends null ? void | null : AckData<E>;

export type EventHandler<E extends ClientEventName> = (
  payload: RequestPayload<E>,
  ctx: HandlerContext,
) => HandlerResult<E> | Promise<HandlerResult<E>>;

/**
 * A budget of its own for one event, per socket, on top of the user's budget for all events: for
 * events a client sends on a timer (`call:quality`), so a broken or hostile tab cannot flood one
 * kind of write while staying under the general limit. Sockets live on one node, so it is in memory.
 */
export interface EventLimit {
  points: number;
  durationS: number;
}

export interface EventRouter {
  /** Registers the one handler of a client event named in the shared `schemas`, with its own per-socket limit if any. */
  handle<E extends ClientEventName>(event: E, handler: EventHandler<E>, limit?: EventLimit): void;
  /** Wires a freshly connected socket to the registered handlers. */
  attach(socket: FlintSocket): void;
}

export function createEventRouter(deps: { logger: Logger; limiter: RateLimiter; metrics: Metrics }): EventRouter {
  /** Each registered event as one step: validate with its schema, then run its handler. */
  const handlers = new Map<string, (payload: unknown, ctx: HandlerContext) => Promise<unknown>>();
  const limits = new Map<string, RateLimiter>();

  async function dispatch(socket: FlintSocket, event: string, payload: unknown): Promise<Ack<unknown>> {
    const userId = socket.data.user.id;
    const own = Object.hasOwn(schemas, event) ? limits.get(event) : undefined;
    if (!(await deps.limiter.take(userId)) || (own && !(await own.take(socket.id)))) {
      socket.emit(ServerEvent.RATE_LIMITED, { event });
      return fail(ErrorCode.RATE_LIMITED, 'too many requests, slow down');
    }
    const run = Object.hasOwn(schemas, event) ? handlers.get(event) : undefined;
    if (!run) return fail(ErrorCode.UNKNOWN_EVENT, `unknown event "${event.slice(0, 64)}"`);
    try {
      return ok((await run(payload, { socket, userId })) ?? null);
    } catch (err) {
      if (!(err instanceof DomainError)) deps.logger.error({ err, event, userId }, 'socket handler failed');
      const body = toErrorBody(err);
      return fail(body.code, body.message);
    }
  }

  return {
    handle(event, handler, limit) {
      if (!Object.hasOwn(schemas, event)) throw new Error(`no schema for socket event "${event}"`);
      if (handlers.has(event)) throw new Error(`socket event "${event}" already has a handler`);
      if (limit) limits.set(event, createRateLimiter({ ...limit, keyPrefix: `event:${event}:` }));
      const schema = schemas[event];
      // The schema is the contract's payload type for this event (RequestPayload is inferred from it).
      handlers.set(event, async (payload, ctx) => handler(parseWith(schema, payload) as RequestPayload<typeof event>, ctx));
    },
    attach(socket) {
      socket.onAny((event: string, ...args: unknown[]) => {
        const ack = typeof args.at(-1) === 'function' ? (args.pop() as (a: Ack<unknown>) => void) : null;
        void dispatch(socket, event, args[0])
          .catch((err: unknown) => {
            deps.logger.error({ err, event }, 'socket dispatch failed');
            return fail(ErrorCode.INTERNAL, toErrorBody(err).message);
          })
          .then((result) => {
            deps.metrics.events.inc({ event: handlers.has(event) ? event : 'unknown', outcome: result.ok ? 'ok' : result.error.code });
            ack?.(result);
          });
      });
    },
  };
}
