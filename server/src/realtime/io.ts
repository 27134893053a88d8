/**
 * The Socket.IO server, sharing Fastify's HTTP server. It admits a request only from an allowed
 * Origin (every engine.io request: polling GETs/POSTs and the websocket upgrade alike) and a socket
 * only from a page speaking a compatible protocol version, with a valid token, both in the handshake
 * `auth` (never the URL).
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { ErrorCode, isCompatibleProtocol } from '@flint/shared';
import { createAdapter } from '@socket.io/redis-adapter';
import type { RedisClientType } from 'redis';
import { Server } from 'socket.io';
import type { Authenticate } from '../auth/identities.ts';
import type { Logger } from '../logger.ts';
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
  redis?: { pub: RedisClientType; sub: RedisClientType; keyPrefix: string };
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
    allowRequest: (req, callback) => {
      const allowed = isAllowedOrigin(req, deps.allowedOrigins);
      if (!allowed) deps.logger.warn({ origin: req.headers.origin }, 'socket request from a foreign origin refused');
      callback(allowed ? null : 'origin not allowed', allowed);
    },
    // Cross-origin pages on the allowlist (e.g. a remote's own dev server) may use polling too.
    cors: { origin: deps.allowedOrigins },
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
