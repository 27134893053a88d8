/**
 * At most N sockets per user on this node (FLINT_MAX_SOCKETS_PER_USER): one more is refused in the
 * handshake with `too-many-connections`. Counted here, synchronously, when a socket is admitted and
 * released when it leaves (or never finishes its handshake), so a burst of simultaneous handshakes
 * cannot slip past the count the way a look at the user's room (joined only after connecting)
 * would let it.
 *
 * Per node here; with Redis, app.ts adds the other nodes' counts (cluster-socket-count.ts) so the
 * bound holds across the cluster.
 */
export interface SocketLimit {
  /** Counts a socket for `userId`; false (and nothing counted) when the user is at the limit. */
  admit(userId: string): boolean;
  release(userId: string): void;
  count(userId: string): number;
  /** Every user's count on this node (published to the other nodes). */
  counts(): ReadonlyMap<string, number>;
}

export function createSocketLimit(max: number): SocketLimit {
  const held = new Map<string, number>();
  return {
    admit(userId) {
      const now = held.get(userId) ?? 0;
      if (now >= max) return false;
      held.set(userId, now + 1);
      return true;
    },
    release(userId) {
      const left = (held.get(userId) ?? 0) - 1;
      if (left > 0) held.set(userId, left);
      else held.delete(userId);
    },
    count: (userId) => held.get(userId) ?? 0,
    counts: () => held,
  };
}
