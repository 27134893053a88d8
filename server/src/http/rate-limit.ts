/**
 * REST rate limits (@fastify/rate-limit): every `/api` route shares one budget per client address
 * per minute; a route may set its own (the dev login: a lower one). Static files are not counted (a
 * page load fetches many and they cost nothing). Counted in memory on one node, in Redis when
 * REDIS_URL is set, so a client spraying several nodes meets one budget. A refusal is the usual
 * error body, `rate-limited` with status 429 and `retry-after`.
 *
 * The Redis store is ours: the plugin's own expects an ioredis client (it calls `defineCommand`);
 * this server speaks node-redis everywhere else. Same algorithm: a fixed window per key.
 */
import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import { ErrorCode } from '@flint/shared';
import type { FastifyInstance } from 'fastify';
import type { RedisClientType } from 'redis';
import { DomainError } from '../domain-error.ts';

export const REST_WINDOW_MS = 60_000;

const COUNT = `
local current = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {current, ttl}`;

/** A @fastify/rate-limit store over node-redis; `child` gives a route with its own limit its own keys. */
function redisStore(client: RedisClientType, prefix: string) {
  return class RedisCounter implements FastifyRateLimitStore {
    readonly #prefix: string;
    // The plugin constructs a store with its options; the prefix is what a child passes.
    constructor(_options?: unknown, keyPrefix = prefix) {
      this.#prefix = keyPrefix;
    }
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number) {
      client.eval(COUNT, { keys: [this.#prefix + key], arguments: [String(timeWindow)] }).then(
        (reply) => {
          const [current, ttl] = reply as [number, number];
          callback(null, { current, ttl });
        },
        (err: Error) => callback(err),
      );
    }
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]) {
      // At run time the plugin passes the route's merged limit options, the route under `routeInfo`
      // (as its own RedisStore reads it); the published type says otherwise.
      const { routeInfo } = routeOptions as unknown as { routeInfo: { method: string; url: string } };
      return new RedisCounter(undefined, `${this.#prefix}${routeInfo.method}${routeInfo.url}:`);
    }
  };
}

export async function registerRestRateLimit(
  fastify: FastifyInstance,
  opts: { perMinute: number; redis?: RedisClientType; keyPrefix: string },
): Promise<void> {
  await fastify.register(rateLimit, {
    global: true,
    max: opts.perMinute,
    timeWindow: REST_WINDOW_MS,
    allowList: (request) => !request.url.startsWith('/api/'),
    ...(opts.redis ? { store: redisStore(opts.redis, opts.keyPrefix) } : {}),
    errorResponseBuilder: (_request, context) => new DomainError(ErrorCode.RATE_LIMITED, `too many requests, retry in ${context.after}`),
  });
}

/** A route's own limit (per client address per minute), for `config: { rateLimit }` on that route. */
export const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: REST_WINDOW_MS } });
