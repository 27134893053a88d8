/**
 * The single entry point for client→server socket events. Domain modules register handlers here
 * (`router.handle('chat:send', handler)`); the router does what every event needs, in this order:
 * rate limit → known event → zod validation → handler → ack. A handler returns the ack data or throws
 * a DomainError; anything else is acked as `internal` and only logged. Clients may omit the ack
 * callback (fire-and-forget), which is tolerated.
 */
import { type Ack, type ClientPayloads, ErrorCode, fail, ok, ServerEvent } from '@flint/shared';
import { schemas } from '@flint/shared/schemas';
import { DomainError, toErrorBody } from '../domain-error.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { parseWith } from '../validate.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { FlintSocket } from './types.ts';

export type ClientEventKey = keyof ClientPayloads;

export interface HandlerContext {
  socket: FlintSocket;
  userId: string;
}

export type EventHandler<E extends ClientEventKey> = (payload: ClientPayloads[E], ctx: HandlerContext) => unknown | Promise<unknown>;

export interface EventRouter {
  /** Registers the one handler of a client event named in the shared `schemas`. */
  handle<E extends ClientEventKey>(event: E, handler: EventHandler<E>): void;
  /** Wires a freshly connected socket to the registered handlers. */
  attach(socket: FlintSocket): void;
}

export function createEventRouter(deps: { logger: Logger; limiter: RateLimiter; metrics: Metrics }): EventRouter {
  const handlers = new Map<string, EventHandler<ClientEventKey>>();

  async function dispatch(socket: FlintSocket, event: string, payload: unknown): Promise<Ack<unknown>> {
    const userId = socket.data.user.id;
    if (!(await deps.limiter.take(userId))) {
      socket.emit(ServerEvent.RATE_LIMITED, { event });
      return fail(ErrorCode.RATE_LIMITED, 'too many requests, slow down');
    }
    const handler = handlers.get(event);
    if (!handler || !Object.hasOwn(schemas, event)) {
      return fail(ErrorCode.UNKNOWN_EVENT, `unknown event "${event.slice(0, 64)}"`);
    }
    try {
      const data = parseWith(schemas[event as ClientEventKey], payload);
      return ok((await handler(data as never, { socket, userId })) ?? null);
    } catch (err) {
      if (!(err instanceof DomainError)) deps.logger.error({ err, event, userId }, 'socket handler failed');
      const body = toErrorBody(err);
      return fail(body.code, body.message);
    }
  }

  return {
    handle(event, handler) {
      if (!Object.hasOwn(schemas, event)) throw new Error(`no schema for socket event "${event}"`);
      if (handlers.has(event)) throw new Error(`socket event "${event}" already has a handler`);
      handlers.set(event, handler as EventHandler<ClientEventKey>);
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
