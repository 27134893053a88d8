/**
 * The Socket.IO server, sharing Fastify's HTTP server. It admits a request only from an allowed
 * Origin (every engine.io request: polling GETs/POSTs and the websocket upgrade alike; engine.io's
 * `allowRequest` alone sees only the handshake, so an engine middleware checks the rest), a new
 * engine.io session only within its address's handshake budget, and a socket only from a page
 * speaking a compatible protocol version, with a valid token, both in the handshake `auth` (never
 * the URL).
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { ErrorCode, isCompatibleProtocol } from '@flint/shared';
import { createAdapter } from '@socket.io/redis-adapter';
import type { RedisClientType } from 'redis';
import { Server } from 'socket.io';
import type { Authenticate } from '../auth/identities.ts';
import type { Logger } from '../logger.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { FlintIo } from './types.ts';

/** Big enough for any valid event (signals are at most 16 KB), small enough to bound memory per client. */
export const MAX_HTTP_BUFFER_SIZE = 64 * 1024;

export interface IoDeps {
  httpServer: HttpServer;
  allowedOrigins: string[];
  authenticate: Authenticate;
  /** The wire protocol this server speaks (shared's PROTOCOL_VERSION; tests pretend to be another server). */
  protocolVersion: string;
  logger: Logger;
  /** Heartbeat (config `ping`): how soon a client that vanished without closing is dropped. */
  ping: { intervalMs: number; timeoutMs: number };
  redis?: { pub: RedisClientType; sub: RedisClientType; keyPrefix: string };
  /** New engine.io sessions per client address (FLINT_HANDSHAKE_LIMIT_PER_MIN). */
  handshakes: RateLimiter;
  /** Behind a trusted proxy (FLINT_TRUST_PROXY) the client address is the one it forwards. */
  trustProxy: boolean;
}

/** The client's address: the socket's peer, or behind a trusted proxy the first forwarded one. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return (trustProxy && first) || req.socket.remoteAddress || 'unknown';
}

/**
 * Browsers always send Origin on websocket handshakes and cross-origin requests, which is what this
 * check is for (a foreign page using a visitor's browser). Same-origin polling GETs carry no Origin,
 * and neither do non-browser clients, which the token check still covers; so no Origin is admitted.
 */
export function isAllowedOrigin(req: IncomingMessage, allowed: string[]): boolean {
  const origin = req.headers.origin;
  return origin === undefined || allowed.includes(origin);
}

export function createIo(deps: IoDeps): FlintIo {
  const io: FlintIo = new Server(deps.httpServer, {
    maxHttpBufferSize: MAX_HTTP_BUFFER_SIZE,
    pingInterval: deps.ping.intervalMs,
    pingTimeout: deps.ping.timeoutMs,
    // Handshakes only (a request without a session id): Origin, then the address's budget.
    allowRequest: (req, callback) => {
      if (!isAllowedOrigin(req, deps.allowedOrigins)) {
        deps.logger.warn({ origin: req.headers.origin }, 'socket request from a foreign origin refused');
        return callback('origin not allowed', false);
      }
      const address = clientAddress(req, deps.trustProxy);
      deps.handshakes.take(address).then(
        (admitted) => {
          if (!admitted) deps.logger.warn({ address }, 'socket handshakes over budget refused');
          callback(admitted ? null : 'too many handshakes', admitted);
        },
        (err: unknown) => {
          // The budget's store (Redis) failing must not lock every user out: admit, and say so.
          deps.logger.error({ err }, 'handshake budget unavailable; admitted');
          callback(null, true);
        },
      );
    },
    // Cross-origin pages on the allowlist (e.g. a remote's own dev server) may use polling too.
    cors: { origin: deps.allowedOrigins },
  });
  // Every other engine.io request: the polls, posts and upgrades of an open session.
  io.engine.use((req: IncomingMessage, _res: unknown, next: (err?: Error) => void) => {
    const handshake = !new URL(req.url ?? '/', 'http://x').searchParams.has('sid');
    if (handshake || isAllowedOrigin(req, deps.allowedOrigins)) return next();
    deps.logger.warn({ origin: req.headers.origin }, 'socket request from a foreign origin refused');
    next(new Error('origin not allowed'));
  });
  if (deps.redis) {
    io.adapter(createAdapter(deps.redis.pub, deps.redis.sub, { key: `${deps.redis.keyPrefix}socket.io` }));
  }

  io.use((socket, next) => {
    // Before the token: a page that must reload is told so even when its token is stale too.
    if (!isCompatibleProtocol(socket.handshake.auth?.protocol, deps.protocolVersion)) {
      deps.logger.info({ protocol: socket.handshake.auth?.protocol }, 'socket from an outdated page refused');
      return next(Object.assign(new Error(ErrorCode.OUTDATED), { data: { protocol: deps.protocolVersion } }));
    }
    const reject = () => next(new Error(ErrorCode.UNAUTHORIZED));
    const token: unknown = socket.handshake.auth?.token;
    deps
      .authenticate(token)
      .then((user) => {
        if (!user) return reject();
        socket.data.user = user;
        socket.data.transport = socket.conn.transport.name;
        socket.data.tab = tabOf(socket.handshake.auth?.tab, socket.id);
        next();
      })
      .catch((err: unknown) => {
        deps.logger.error({ err }, 'socket handshake failed');
        reject();
      });
  });
  return io;
}

/**
 * A tab id from the handshake: a short token (a UUID in practice), else `socket:<id>` for a client
 * that sends none (calls.owner.ts lets such a client's other sockets act, as before tab ids).
 */
export function tabOf(tab: unknown, socketId: string): string {
  return typeof tab === 'string' && /^[\w-]{8,64}$/.test(tab) ? tab : `socket:${socketId}`;
}
