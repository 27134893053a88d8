/**
 * A budget per key (socket events per user per second; socket handshakes per address per minute).
 * In memory on one node; in Redis when REDIS_URL is set, so a user or an address spread over
 * several nodes shares one budget.
 */
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';

export interface RateLimiter {
  /** Counts one event for `key`; false when the budget for the current window is spent. */
  take(key: string): Promise<boolean>;
}

export function createRateLimiter(opts: { points: number; durationS?: number; redis?: RedisClientType; keyPrefix: string }): RateLimiter {
  const base = { points: opts.points, duration: opts.durationS ?? 1, keyPrefix: opts.keyPrefix };
  const limiter: RateLimiterAbstract = opts.redis
    ? new RateLimiterRedis({ ...base, storeClient: opts.redis, useRedisPackage: true })
    : new RateLimiterMemory(base);
  return {
    async take(key) {
      try {
        await limiter.consume(key);
        return true;
      } catch (rejection) {
        // consume() rejects with a RateLimiterRes when over budget, and with an Error when the store fails.
        if (rejection instanceof Error) throw rejection;
        return false;
      }
    },
  };
}
