/**
 * Wires the server: database, Fastify and Socket.IO on ONE http server, and the domain modules.
 * Nothing here listens until `listen()` is called (only main.ts and tests do), so any number of apps
 * can run in one process, each on its own port.
 */
import type { AddressInfo } from 'node:net';
import { ErrorCode, PROTOCOL_VERSION } from '@flint/shared';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { createClient, type RedisClientType } from 'redis';
import type { AppContext, FlintModule } from './app-context.ts';
import { createGuards } from './auth/guard.ts';
import { createAuthenticator } from './auth/identities.ts';
import { createTokenService, resolveJwtSecret } from './auth/tokens.ts';
import type { Config } from './config.ts';
import { type Db, prepareDb } from './db/index.ts';
import { registerCors } from './http/cors.ts';
import { registerErrorHandling } from './http/errors.ts';
import { registerRestRateLimit } from './http/rate-limit.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { defaultModules } from './modules.ts';
import { createClusterSocketCount } from './realtime/cluster-socket-count.ts';
import { createEventRouter } from './realtime/event-router.ts';
import { createIo } from './realtime/io.ts';
import { createNotifier } from './realtime/notifier.ts';
import { createRateLimiter } from './realtime/rate-limit.ts';
import { createSocketLimit } from './realtime/socket-limit.ts';
import { type FlintIo, type FlintSocket, userRoom } from './realtime/types.ts';

export interface FlintApp {
  fastify: FastifyInstance;
  io: FlintIo;
  db: Db;
  ctx: AppContext;
  /** Starts serving; resolves to the base URL (e.g. `http://127.0.0.1:3000`). Port 0 = any free port. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** What `close()` is doing right now (`running` before it starts), for a shutdown that overruns. */
  shutdownStep(): string;
}

export interface AppDeps {
  config: Config;
  /** An already prepared database (migrated and seeded); otherwise one is opened from the config. */
  db?: Db;
  logger?: Logger;
  /** The wire protocol version this server speaks; only tests pretend to be another server. */
  protocolVersion?: string;
  /** Domain modules to install; defaults to every module in modules.ts. */
  modules?: FlintModule[];
}

export async function createApp(deps: AppDeps): Promise<FlintApp> {
  const { config } = deps;
  const logger = deps.logger ?? createLogger(config.logLevel);
  const db = deps.db ?? (await prepareDb({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir, seedUsers: config.seedUsers }));
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, config.redisKeyPrefix) : undefined;

  const fastify = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: 64 * 1024,
    trustProxy: config.trustProxy,
  });
  fastify.decorateRequest('user', null);
  registerErrorHandling(fastify);
  registerSecurityHeaders(fastify, config.remotes);
  await registerCors(fastify, config.allowedOrigins);
  await registerRestRateLimit(fastify, {
    perMinute: config.limits.restPerMinute,
    redis: redis?.pub,
    keyPrefix: `${config.redisKeyPrefix}rest:`,
  });

  const tokens = createTokenService({
    secret: resolveJwtSecret(config.jwtSecret, config.dataDir),
    identityProvider: config.identityProvider,
  });
  const authenticate = createAuthenticator(tokens, db);
  const io = createIo({
    httpServer: fastify.server,
    allowedOrigins: config.allowedOrigins,
    authenticate,
    protocolVersion: deps.protocolVersion ?? PROTOCOL_VERSION,
    logger,
    ping: config.ping,
    redis,
    handshakes: createRateLimiter({
      points: config.limits.handshakesPerMinute,
      durationS: 60,
      redis: redis?.pub,
      keyPrefix: `${config.redisKeyPrefix}hs:`,
    }),
    trustProxy: config.trustProxy !== false,
  });
  const metrics = createMetrics(() => io.of('/').sockets.size);
  const events = createEventRouter({
    logger,
    metrics,
    limiter: createRateLimiter({ points: config.rateLimitPerSecond, redis: redis?.pub, keyPrefix: `${config.redisKeyPrefix}rl:` }),
  });

  const connectHooks: Array<(s: FlintSocket) => void | Promise<void>> = [];
  const disconnectHooks: Array<(s: FlintSocket) => void | Promise<void>> = [];
  const closeHooks: Array<() => void | Promise<void>> = [];
  const ctx: AppContext = {
    config,
    db,
    logger,
    fastify,
    io,
    tokens,
    events,
    metrics,
    calls: null,
    push: null,
    guards: createGuards(authenticate),
    notifier: createNotifier(io),
    onConnection: (fn) => void connectHooks.push(fn),
    onDisconnect: (fn) => void disconnectHooks.push(fn),
    onClose: (fn) => void closeHooks.push(fn),
  };

  const leaving = new Set<Promise<void>>();
  const socketLimit = createSocketLimit(config.limits.socketsPerUser);
  // With Redis the limit is cluster-wide: the other nodes' counts are added at each handshake.
  const clusterCount = redis
    ? createClusterSocketCount({ redis: redis.pub, keyPrefix: redis.keyPrefix, nodeId: config.nodeId, counts: socketLimit.counts, logger })
    : null;
  const release = (userId: string) => {
    socketLimit.release(userId);
    clusterCount?.changed(userId, socketLimit.count(userId));
  };
  /** Sockets counted against their user's limit, released once when they leave. */
  const counted = new WeakSet<FlintSocket>();
  const runHooks = async (hooks: typeof connectHooks, socket: FlintSocket, phase: string) => {
    for (const hook of hooks) {
      await Promise.resolve()
        .then(() => hook(socket))
        .catch((err: unknown) => logger.error({ err, phase, socketId: socket.id }, 'socket hook failed'));
    }
  };
  const runDisconnect = (socket: FlintSocket) => {
    if (counted.delete(socket)) release(socket.data.user.id);
    const done = runHooks(disconnectHooks, socket, 'disconnect');
    leaving.add(done);
    void done.finally(() => leaving.delete(done));
  };

  // After the token check: at most FLINT_MAX_SOCKETS_PER_USER sockets per user on this node and,
  // with Redis, on all nodes together.
  io.use((socket, next) => {
    const userId = socket.data.user.id;
    const refuse = () => {
      logger.warn({ userId }, 'socket over the per-user limit refused');
      next(new Error(ErrorCode.TOO_MANY_CONNECTIONS));
    };
    if (!socketLimit.admit(userId)) return refuse();
    counted.add(socket);
    if (!clusterCount) return next();
    clusterCount.changed(userId, socketLimit.count(userId));
    clusterCount.elsewhere(userId).then(
      (others) => {
        if (others + socketLimit.count(userId) <= config.limits.socketsPerUser) return next();
        counted.delete(socket);
        release(userId);
        refuse();
      },
      (err: unknown) => {
        // Redis failing must not lock everyone out: the per-node bound still holds.
        logger.error({ err }, 'cluster socket count unavailable; admitted on the per-node limit');
        next();
      },
    );
  });

  // Connection hooks run as the LAST handshake middleware (after the token check), so by the time a
  // client sees 'connect' its presence row and any other per-socket state exist. Otherwise a tab
  // that opens and another that closes right after could be recorded in the wrong order (a false
  // offline/online flicker) and a socket could leave before its connect work ran.
  io.use((socket, next) => {
    void runHooks(connectHooks, socket, 'connect').then(() => {
      next();
      // A client that left during the handshake is dropped by Socket.IO without a 'disconnect'
      // event (it never connected): undo its connect work here. setImmediate runs after Socket.IO's
      // own nextTick that would have connected it.
      setImmediate(() => {
        if (!accepted.has(socket)) runDisconnect(socket);
      });
    });
  });
  const accepted = new WeakSet<FlintSocket>();
  io.on('connection', (socket) => {
    accepted.add(socket);
    metrics.connections.inc();
    void socket.join(userRoom(socket.data.user.id));
    socket.conn.on('upgrade', (transport: { name: string }) => {
      socket.data.transport = transport.name;
    });
    events.attach(socket);
    socket.on('disconnect', () => runDisconnect(socket));
  });

  for (const install of deps.modules ?? defaultModules) await install(ctx);

  let closed = false;
  let step = 'running';
  /** Ends this node's sockets as a network loss would, and waits for their disconnect hooks. */
  const dropLocalSockets = async () => {
    const sockets = [...io.of('/').sockets.values()];
    // "transport close", not socket.io's server disconnect: every client (even a page built before
    // the store retried server disconnects) reconnects by itself, to another node or this one restarted.
    const gone = sockets.map((socket) => new Promise<void>((resolve) => socket.once('disconnect', () => resolve())));
    for (const socket of sockets) socket.conn.close();
    await Promise.all(gone);
    await Promise.all(leaving);
  };
  return {
    fastify,
    io,
    db,
    ctx,
    shutdownStep: () => step,
    async listen(port, host = '127.0.0.1') {
      await fastify.listen({ port, host });
      const { port: actual } = fastify.server.address() as AddressInfo;
      const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      return `http://${shown}:${actual}`;
    },
    async close() {
      if (closed) return;
      closed = true;
      step = 'module close hooks';
      for (const hook of closeHooks.reverse()) await hook();
      // No new connections from here on, so a client reconnecting right away tries another node (or
      // waits for this one restarted) instead of connecting to a node about to drop it again. The
      // callback runs once every HTTP connection has ended (in-flight requests finish first).
      const httpClosed = new Promise<void>((resolve) => fastify.server.close(() => resolve()));
      // Only this node's sockets: through the Redis adapter, a broadcast would reach every node
      // and drop every user when one node shuts down.
      step = 'sockets and their disconnect hooks';
      await dropLocalSockets();
      step = 'socket.io';
      // Fastify closes the http server (and its idle keep-alive connections); Socket.IO's close
      // would close the server itself first and leave those connections open until they time out.
      io.engine.close();
      await Promise.all(leaving);
      step = 'http server (requests in flight)';
      await fastify.close();
      await httpClosed;
      await new Promise<void>((resolve) => io.close(() => resolve()));
      step = 'redis';
      await clusterCount?.close();
      // Subscriber first: a cross-node request arriving in between would otherwise be answered on a
      // closed publisher, an unhandled rejection.
      await redis?.sub.quit();
      await redis?.pub.quit();
      step = 'database';
      if (!deps.db) await db.close();
      step = 'closed';
    },
  };
}

async function connectRedis(url: string, keyPrefix: string) {
  const pub = createClient({ url }) as RedisClientType;
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  return { pub, sub, keyPrefix };
}
