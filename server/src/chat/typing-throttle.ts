/**
 * Typing relays per (user, conversation): "typing" at most once per interval while it lasts, and
 * "stopped" only after a relayed "typing". Clients throttle too; this bounds a client that does not.
 * Ephemeral by nature (a lost entry costs one extra relay), so it lives in memory.
 */
export const TYPING_RELAY_INTERVAL_MS = 2_000;
const MAX_ENTRIES = 10_000;

export function createTypingThrottle(intervalMs = TYPING_RELAY_INTERVAL_MS, now: () => number = Date.now) {
  const lastTyping = new Map<string, number>();
  return {
    shouldRelay(userId: string, conversationId: string, typing: boolean): boolean {
      const key = `${userId}:${conversationId}`;
      const last = lastTyping.get(key);
      if (!typing) return lastTyping.delete(key);
      if (last !== undefined && now() - last < intervalMs) return false;
      lastTyping.set(key, now());
      // Tabs that closed mid-typing never send "stopped": drop their stale entries now and then.
      if (lastTyping.size > MAX_ENTRIES) {
        for (const [k, at] of lastTyping) if (now() - at >= intervalMs) lastTyping.delete(k);
      }
      return true;
    },
  };
}
