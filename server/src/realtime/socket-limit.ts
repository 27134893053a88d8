/**
 * At most N sockets per user on this node (FLINT_MAX_SOCKETS_PER_USER): one more is refused in the
 * handshake with `too-many-connections`. Counted here, synchronously, when a socket is admitted and
 * released when it leaves (or never finishes its handshake), so a burst of simultaneous handshakes
 * cannot slip past the count the way a look at the user's room (joined only after connecting)
 * would let it.
 *
 * Per node: with the Redis adapter, a user could hold N on each node. A cross-node count would need
 * a counter that survives a node dying with its sockets; the per-node bound already caps what one
 * user costs any one process, which is the point.
 */
export interface SocketLimit {
  /** Counts a socket for `userId`; false (and nothing counted) when the user is at the limit. */
  admit(userId: string): boolean;
  release(userId: string): void;
  count(userId: string): number;
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
  };
}
