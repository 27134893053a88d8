/**
 * FLINT_MAX_SOCKETS_PER_USER across every node, when the nodes share Redis. Each node's own
 * SocketLimit stays the truth for its own sockets; the node publishes those counts in a Redis hash
 * of its own (`<prefix>sockets:node:<nodeId>`, user id → sockets) that expires unless the node
 * refreshes it, so a node that crashed stops counting within `ttlS` and a restarted one (same node
 * id) starts from its real count. A handshake publishes first and then adds what the other nodes
 * hold: two simultaneous handshakes on two nodes can both be refused (each sees the other), never
 * both admitted over the limit; a refused client retries with backoff.
 */
import type { RedisClientType } from 'redis';
import type { Logger } from '../logger.ts';

export interface ClusterSocketCount {
  /** This node now holds `count` sockets of `userId` (published at once, in order). */
  changed(userId: string, count: number): void;
  /** Sockets `userId` holds on the other live nodes. */
  elsewhere(userId: string): Promise<number>;
  /** Stops refreshing and withdraws this node's counts (its sockets are gone). */
  close(): Promise<void>;
}

export interface ClusterSocketCountDeps {
  redis: RedisClientType;
  keyPrefix: string;
  nodeId: string;
  /** This node's current counts, rewritten whole at every refresh. */
  counts: () => ReadonlyMap<string, number>;
  logger: Logger;
  ttlS?: number;
}

export function createClusterSocketCount({
  redis,
  keyPrefix,
  nodeId,
  counts,
  logger,
  ttlS = 30,
}: ClusterSocketCountDeps): ClusterSocketCount {
  const nodesKey = `${keyPrefix}sockets:nodes`;
  const nodeKey = (id: string) => `${keyPrefix}sockets:node:${id}`;
  const own = nodeKey(nodeId);
  const failed = (err: unknown) => logger.error({ err }, 'publishing socket counts to Redis failed');

  const refresh = () => {
    const multi = redis.multi().del(own);
    const all = Object.fromEntries([...counts()].map(([user, n]) => [user, String(n)]));
    if (Object.keys(all).length > 0) multi.hSet(own, all);
    return multi
      .expire(own, ttlS)
      .sAdd(nodesKey, nodeId)
      .exec()
      .then(() => undefined, failed);
  };
  void refresh();
  const timer = setInterval(() => void refresh(), Math.max(1, ttlS / 3) * 1000);
  timer.unref();

  return {
    changed(userId, count) {
      const multi = count > 0 ? redis.multi().hSet(own, userId, String(count)) : redis.multi().hDel(own, userId);
      multi.expire(own, ttlS).exec().catch(failed);
    },
    async elsewhere(userId) {
      const others = (await redis.sMembers(nodesKey)).filter((id) => id !== nodeId);
      if (others.length === 0) return 0;
      const multi = redis.multi();
      for (const id of others) multi.hGet(nodeKey(id), userId);
      const held = await multi.exec();
      return held.reduce<number>((sum, n) => sum + (Number(n) || 0), 0);
    },
    async close() {
      clearInterval(timer);
      await redis.del(own).catch(failed);
    },
  };
}
