import type { FastifyInstance } from 'fastify';
import type { Guards } from './auth/guard.ts';
import type { TokenService } from './auth/tokens.ts';
import type { CallsService } from './calls/calls.service.ts';
import type { Config } from './config.ts';
import type { Db } from './db/index.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { PushService } from './push/push.service.ts';
import type { EventRouter } from './realtime/event-router.ts';
import type { Notifier } from './realtime/notifier.ts';
import type { FlintIo, FlintSocket } from './realtime/types.ts';

/** Everything a domain module needs to plug in its routes, socket handlers and background work. */
export interface AppContext {
  config: Config;
  db: Db;
  logger: Logger;
  fastify: FastifyInstance;
  io: FlintIo;
  tokens: TokenService;
  /** preHandlers for REST routes: `{ preHandler: ctx.guards.user }` sets `request.user`. */
  guards: Guards;
  /** Register client→server socket events here (validation, rate limit and acks are done for you). */
  events: EventRouter;
  /** Push server→client events to users (all their tabs, on every node). */
  notifier: Notifier;
  metrics: Metrics;
  /**
   * The app's one calls service, the only writer of call sessions: other domains (queue, safety)
   * start and end calls through it. Set by the calls module; null until it is installed.
   */
  calls: CallsService | null;
  /** Web Push (wakes a person with no tab open). Set by the push module; null when it is not installed. */
  push: PushService | null;
  /** Called for each authenticated socket after it joined `user:<id>`, in module order. */
  onConnection(fn: (socket: FlintSocket) => void | Promise<void>): void;
  /** Called for each socket that went away. */
  onDisconnect(fn: (socket: FlintSocket) => void | Promise<void>): void;
  /** Cleanup run by `app.close()` before the database closes (timers, sweepers), in reverse order. */
  onClose(fn: () => void | Promise<void>): void;
}

/** A domain: registers what it serves on the context. See modules.ts for the list createApp uses. */
export type FlintModule = (ctx: AppContext) => void | Promise<void>;

/** The calls service for a module that starts or ends calls: fails the start when calls is not installed first. */
export function callsOf(ctx: AppContext): CallsService {
  if (!ctx.calls) throw new Error('the calls module must be installed before the modules that use it (queue, safety)');
  return ctx.calls;
}
