/**
 * Server configuration, read once from the environment and validated with zod so a bad value stops
 * the process at start with a message naming the variable, instead of failing later at run time.
 */
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIVE_PLAN, DEFAULT_STAGED_PLAN, parseStagePlan, type StagePlan } from '@flint/shared';
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

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  NODE_ENV: z.string().default('development'),
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
  FLINT_ALLOWED_ORIGINS: z.string().optional(),
  FLINT_CALL_REMOTE_URL: optionalUrl,
  FLINT_REALTIME_REMOTE_URL: optionalUrl,
  FLINT_STAGE_PLAN: stagePlan(DEFAULT_STAGED_PLAN),
  FLINT_LIVE_PLAN: stagePlan(DEFAULT_LIVE_PLAN),
  FLINT_RING_TIMEOUT_S: seconds(30),
  FLINT_DECISION_TIMEOUT_S: seconds(30),
  FLINT_RECONNECT_GRACE_S: seconds(60),
  FLINT_RATE_LIMIT_PER_S: z.coerce.number().int().positive().default(30),
  /** Load users `load0001`… for load tests and demos; each odd-numbered one matched with the next. */
  FLINT_SEED_USERS: z.coerce.number().int().min(0).max(1_000_000).default(0),
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
  jwksUrl?: string;
  devLogin: boolean;
  allowedOrigins: string[];
  /** Remote manifest URLs; when unset they are derived from the request's hostname and PORT+1 / PORT+2. */
  remotes: { call?: string; realtime?: string };
  timing: {
    stagedPlan: StagePlan;
    livePlan: StagePlan;
    ringTimeoutS: number;
    decisionTimeoutS: number;
    reconnectGraceS: number;
  };
  /** Socket events one user may send per second (burst) before getting `rate-limited`. */
  rateLimitPerSecond: number;
  /** How many load users (`load0001`…) the seed adds (QA contract; 0 = none). */
  seedUsers: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid server configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    port: e.PORT,
    host: e.HOST,
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
    jwksUrl: e.AUTH_JWKS_URL,
    devLogin: !production,
    allowedOrigins: e.FLINT_ALLOWED_ORIGINS
      ? e.FLINT_ALLOWED_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : [`http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`],
    remotes: { call: e.FLINT_CALL_REMOTE_URL, realtime: e.FLINT_REALTIME_REMOTE_URL },
    timing: {
      stagedPlan: e.FLINT_STAGE_PLAN,
      livePlan: e.FLINT_LIVE_PLAN,
      ringTimeoutS: e.FLINT_RING_TIMEOUT_S,
      decisionTimeoutS: e.FLINT_DECISION_TIMEOUT_S,
      reconnectGraceS: e.FLINT_RECONNECT_GRACE_S,
    },
    rateLimitPerSecond: e.FLINT_RATE_LIMIT_PER_S,
    seedUsers: e.FLINT_SEED_USERS,
  };
}
