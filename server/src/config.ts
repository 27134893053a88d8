/**
 * Server configuration, read once from the environment and validated with zod so a bad value stops
 * the process at start with a message naming the variable, instead of failing later at run time.
 */
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIVE_PLAN, DEFAULT_STAGED_PLAN, parseStagePlan, type RemoteLocation, type StagePlan } from '@flint/shared';
import { z } from 'zod';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const stagePlan = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx): StagePlan => {
      try {
        return parseStagePlan(text);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    });

const seconds = (fallback: number) => z.coerce.number().positive().default(fallback);
const optionalUrl = z.string().url().optional();
/** A build id as the build names its folder (`0.1.0-1a2b3c4d`): no slashes, no dots-only, nothing to escape in a URL. */
const remoteVersion = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a remote version is letters, digits, ".", "_" or "-"')
  .optional();
/** The remote's base URL as given, with exactly one trailing slash so paths join onto it. */
const baseUrl = (url: string) => url.replace(/\/*$/, '/');

/** The dev login (and test-only switches) are on only for NODE_ENV unset, `development` or `test`. */
const isDevEnv = (nodeEnv: string | undefined) => nodeEnv === undefined || nodeEnv === 'development' || nodeEnv === 'test';

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Unset: 127.0.0.1 while the dev login is on (anyone reaching it could sign in as anyone), else 0.0.0.0. */
    HOST: z.string().min(1).optional(),
    NODE_ENV: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    FLINT_DATA_DIR: z.string().min(1).default(`${repoRoot}.data`),
    FLINT_HOST_DIST: z.string().min(1).default(`${repoRoot}host/dist`),
    FLINT_NODE_ID: z.string().min(1).optional(),
    DATABASE_URL: optionalUrl,
    REDIS_URL: optionalUrl,
    /** Namespaces every Redis key and channel, so deployments (or test runs) can share one Redis. */
    REDIS_KEY_PREFIX: z.string().min(1).default('flint:'),
    AUTH_JWT_SECRET: z.string().min(32, 'AUTH_JWT_SECRET must be at least 32 characters').optional(),
    AUTH_JWKS_URL: optionalUrl,
    /** Required with AUTH_JWKS_URL: a token's `iss` must be exactly this. */
    AUTH_JWT_ISSUER: z.string().min(1).optional(),
    /** Required with AUTH_JWKS_URL: a token's `aud` must contain this. */
    AUTH_JWT_AUDIENCE: z.string().min(1).optional(),
    /** After a token names a key the cached set lacks (a rotation), how long before the keys may be fetched again. */
    AUTH_JWKS_COOLDOWN_S: z.coerce.number().min(0).default(30),
    FLINT_ALLOWED_ORIGINS: z.string().optional(),
    /** Where each remote is deployed (its base URL; versions live under `versions/<id>/`). */
    FLINT_CALL_REMOTE_URL: optionalUrl,
    FLINT_REALTIME_REMOTE_URL: optionalUrl,
    /** Pins a remote's version (a rollback); unset = the version its deploy's `current.json` names. */
    FLINT_CALL_REMOTE_VERSION: remoteVersion,
    FLINT_REALTIME_REMOTE_VERSION: remoteVersion,
    FLINT_STAGE_PLAN: stagePlan(DEFAULT_STAGED_PLAN),
    FLINT_LIVE_PLAN: stagePlan(DEFAULT_LIVE_PLAN),
    FLINT_RING_TIMEOUT_S: seconds(30),
    FLINT_DECISION_TIMEOUT_S: seconds(30),
    FLINT_RECONNECT_GRACE_S: seconds(60),
    /** The grace after a participant closed their page (`call:leaving`): a reload within it still resumes. */
    FLINT_LEAVE_GRACE_S: seconds(10),
    FLINT_RATE_LIMIT_PER_S: z.coerce.number().int().positive().default(30),
    /** Bearer token for GET /metrics; unset: only loopback clients may read it. */
    FLINT_METRICS_TOKEN: z.string().min(16, 'FLINT_METRICS_TOKEN must be at least 16 characters').optional(),
    FLINT_MAX_SOCKETS_PER_USER: z.coerce.number().int().positive().default(20),
    /** REST requests per client address per minute, for /api routes; the dev login has its own, lower budget. */
    FLINT_REST_RATE_LIMIT_PER_MIN: z.coerce.number().int().positive().default(3000),
    FLINT_LOGIN_RATE_LIMIT_PER_MIN: z.coerce.number().int().positive().default(600),
    /** New engine.io sessions (socket handshakes) per client address per minute. */
    FLINT_HANDSHAKE_LIMIT_PER_MIN: z.coerce.number().int().positive().default(600),
    /** Behind a proxy: Fastify's trustProxy (`true`, or the proxies' addresses/CIDRs), so limits key on the real client address. */
    FLINT_TRUST_PROXY: z.string().optional(),
    /** Load users `load0001`… for load tests and demos; each odd-numbered one matched with the next. */
    FLINT_SEED_USERS: z.coerce.number().int().min(0).max(1_000_000).default(0),
    /** After SIGTERM/SIGINT, how long closing may take before the process exits non-zero anyway. */
    FLINT_SHUTDOWN_TIMEOUT_S: seconds(10),
    /** Socket.IO heartbeats: a client that vanished without closing is dropped within interval + timeout. */
    FLINT_PING_INTERVAL_S: seconds(5),
    FLINT_PING_TIMEOUT_S: seconds(5),
    /** Web Push: the server's VAPID key pair (both or neither; unset: generated into the data dir) and its contact. */
    FLINT_VAPID_PUBLIC_KEY: z.string().min(1).optional(),
    FLINT_VAPID_PRIVATE_KEY: z.string().min(1).optional(),
    FLINT_VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:|https:\/\/)\S+$/, 'FLINT_VAPID_SUBJECT must be a mailto: address or an https: URL')
      .default('mailto:push@flint.invalid'),
    /** Tests and development only: push endpoints on http://127.0.0.1 / localhost (a local receiver). */
    FLINT_PUSH_ALLOW_LOOPBACK: z.enum(['0', '1']).default('0'),
  })
  .superRefine((e, ctx) => {
    if (Boolean(e.FLINT_VAPID_PUBLIC_KEY) !== Boolean(e.FLINT_VAPID_PRIVATE_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['FLINT_VAPID_PRIVATE_KEY'],
        message: 'set FLINT_VAPID_PUBLIC_KEY and FLINT_VAPID_PRIVATE_KEY together',
      });
    }
    // A client could otherwise make the server post to anything on its own machine.
    if (e.FLINT_PUSH_ALLOW_LOOPBACK === '1' && !isDevEnv(e.NODE_ENV)) {
      ctx.addIssue({
        code: 'custom',
        path: ['FLINT_PUSH_ALLOW_LOOPBACK'],
        message: 'FLINT_PUSH_ALLOW_LOOPBACK is for tests and development only',
      });
    }
    // An identity provider's token is only as good as the checks on it: never accept one without
    // knowing whose tokens (issuer) and for whom (audience) they must be.
    if (!e.AUTH_JWKS_URL) return;
    for (const name of ['AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE'] as const) {
      if (!e[name]) ctx.addIssue({ code: 'custom', path: [name], message: `${name} is required with AUTH_JWKS_URL` });
    }
  });

export interface Config {
  port: number;
  host: string;
  production: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  dataDir: string;
  hostDist: string;
  /** Identifies this process's rows (e.g. presence); stable across restarts so stale rows can be cleared. */
  nodeId: string;
  /** `memory://` (tests), a directory for PGlite, or unset when `databaseUrl` is set. */
  pgliteDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  redisKeyPrefix: string;
  /** HS256 secret for tokens this server signs; when unset, one is generated and kept in `dataDir`. */
  jwtSecret?: string;
  /** Tokens of the host's identity provider (AUTH_JWKS_URL), verified against its published keys. */
  identityProvider?: { jwksUrl: string; issuer: string; audience: string; cooldownMs: number };
  /** Only for NODE_ENV unset, `development` or `test`: any other value (`staging`, `prod`…) fails closed. */
  devLogin: boolean;
  allowedOrigins: string[];
  /** Bearer token GET /metrics requires; null: loopback clients only. */
  metricsToken: string | null;
  limits: {
    /** Sockets one user may hold (on all nodes together with Redis); the next gets connect_error `too-many-connections`. */
    socketsPerUser: number;
    restPerMinute: number;
    loginPerMinute: number;
    handshakesPerMinute: number;
  };
  /** Fastify's `trustProxy`: false unless FLINT_TRUST_PROXY says how far to trust X-Forwarded-For. */
  trustProxy: boolean | string;
  /**
   * Where each remote is deployed and which version to load (null: its deploy's pointer decides).
   * Only ever from configuration, never from a request (a forged Host header must not move them).
   */
  remotes: { call: RemoteLocation; realtime: RemoteLocation };
  timing: {
    stagedPlan: StagePlan;
    livePlan: StagePlan;
    ringTimeoutS: number;
    decisionTimeoutS: number;
    reconnectGraceS: number;
    /** The shorter grace after `call:leaving` (capped by the reconnect grace). */
    leaveGraceS: number;
  };
  /** Socket events one user may send per second (burst) before getting `rate-limited`. */
  rateLimitPerSecond: number;
  /** How many load users (`load0001`…) the seed adds (QA contract; 0 = none). */
  seedUsers: number;
  /** Seconds a signalled shutdown may take before the process exits non-zero anyway. */
  shutdownTimeoutS: number;
  /**
   * Socket.IO heartbeat, in ms: a client that vanished without closing its connection (a phone in a
   * tunnel, a killed laptop) is disconnected within `intervalMs + timeoutMs`, and only then do its
   * queue ticket and presence go. Socket.IO's own defaults (25 s + 20 s) kept a dead ticket 45 s.
   */
  ping: { intervalMs: number; timeoutMs: number };
  push: {
    /** Configured VAPID keys (else generated into `dataDir`) and the contact push services see. */
    vapid: { publicKey?: string; privateKey?: string; subject: string };
    allowLoopback: boolean;
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid server configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const devLogin = isDevEnv(e.NODE_ENV);
  return {
    port: e.PORT,
    host: e.HOST ?? (devLogin ? '127.0.0.1' : '0.0.0.0'),
    production,
    logLevel: e.LOG_LEVEL,
    dataDir: e.FLINT_DATA_DIR,
    hostDist: e.FLINT_HOST_DIST,
    nodeId: e.FLINT_NODE_ID ?? `${hostname()}:${e.PORT}`,
    pgliteDir: `${e.FLINT_DATA_DIR}/pglite`,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    jwtSecret: e.AUTH_JWT_SECRET,
    identityProvider: e.AUTH_JWKS_URL
      ? { jwksUrl: e.AUTH_JWKS_URL, issuer: e.AUTH_JWT_ISSUER!, audience: e.AUTH_JWT_AUDIENCE!, cooldownMs: e.AUTH_JWKS_COOLDOWN_S * 1000 }
      : undefined,
    devLogin,
    metricsToken: e.FLINT_METRICS_TOKEN ?? null,
    limits: {
      socketsPerUser: e.FLINT_MAX_SOCKETS_PER_USER,
      restPerMinute: e.FLINT_REST_RATE_LIMIT_PER_MIN,
      loginPerMinute: e.FLINT_LOGIN_RATE_LIMIT_PER_MIN,
      handshakesPerMinute: e.FLINT_HANDSHAKE_LIMIT_PER_MIN,
    },
    trustProxy: trustProxyOf(e.FLINT_TRUST_PROXY),
    allowedOrigins: e.FLINT_ALLOWED_ORIGINS
      ? e.FLINT_ALLOWED_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : [`http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`, `http://localhost:${e.PORT + 3}`, `http://127.0.0.1:${e.PORT + 3}`],
    remotes: {
      call: { base: baseUrl(e.FLINT_CALL_REMOTE_URL ?? `http://localhost:${e.PORT + 1}/`), version: e.FLINT_CALL_REMOTE_VERSION ?? null },
      realtime: {
        base: baseUrl(e.FLINT_REALTIME_REMOTE_URL ?? `http://localhost:${e.PORT + 2}/`),
        version: e.FLINT_REALTIME_REMOTE_VERSION ?? null,
      },
    },
    timing: {
      stagedPlan: e.FLINT_STAGE_PLAN,
      livePlan: e.FLINT_LIVE_PLAN,
      ringTimeoutS: e.FLINT_RING_TIMEOUT_S,
      decisionTimeoutS: e.FLINT_DECISION_TIMEOUT_S,
      reconnectGraceS: e.FLINT_RECONNECT_GRACE_S,
      leaveGraceS: Math.min(e.FLINT_LEAVE_GRACE_S, e.FLINT_RECONNECT_GRACE_S),
    },
    rateLimitPerSecond: e.FLINT_RATE_LIMIT_PER_S,
    seedUsers: e.FLINT_SEED_USERS,
    shutdownTimeoutS: e.FLINT_SHUTDOWN_TIMEOUT_S,
    ping: { intervalMs: Math.round(e.FLINT_PING_INTERVAL_S * 1000), timeoutMs: Math.round(e.FLINT_PING_TIMEOUT_S * 1000) },
    push: {
      vapid: { publicKey: e.FLINT_VAPID_PUBLIC_KEY, privateKey: e.FLINT_VAPID_PRIVATE_KEY, subject: e.FLINT_VAPID_SUBJECT },
      allowLoopback: e.FLINT_PUSH_ALLOW_LOOPBACK === '1',
    },
  };
}

/** `true`/`false`, or comma-separated proxy addresses/CIDRs, as Fastify's `trustProxy` takes them. */
function trustProxyOf(value: string | undefined): boolean | string {
  if (value === undefined || value === '' || value === 'false') return false;
  return value === 'true' ? true : value;
}
