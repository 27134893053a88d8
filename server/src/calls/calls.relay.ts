/**
 * The `call:signal` / `call:media` relay to the other participant, with two guarantees the event
 * router does not give on its own:
 * - ORDER per socket. The router runs each event's handler as it comes, concurrently; a signal
 *   whose participant lookup finished first could overtake the one before it (a candidate before
 *   its offer, an answer before the offer it answers). Relays of one socket now go out in the
 *   order they came, as socket.io delivered them.
 * - No database round trip per signal. A negotiation sends a burst of signals (offer, answer,
 *   candidates), and the lookup took 125–240 ms per hop under load. The participants of a session
 *   never change, so the lookup's answer is kept for `ttlMs`, and dropped as soon as this node
 *   ends the session. A session ended by ANOTHER node can still relay for at most `ttlMs`, and
 *   only to the same peer, whose client drops signals for a call it is no longer in.
 */
export const RELAY_CACHE_MS = 2_000;

/** The other participant of a live session, or a DomainError (not a participant, not live). */
export type PeerLookup = (userId: string, sessionId: string) => Promise<string>;

export interface CallRelay {
  /** Runs `send(peer)` after every earlier relay of `socket` has gone out; rejects as the lookup does. */
  relay(socket: object, userId: string, sessionId: string, send: (peer: string) => unknown): Promise<void>;
  /** The session is over: look it up again (and fail) from now on. */
  ended(sessionId: string): void;
}

export function createCallRelay(lookup: PeerLookup, now: () => number, ttlMs = RELAY_CACHE_MS): CallRelay {
  /** sessionId → userId → { peer, until }. */
  const peers = new Map<string, Map<string, { peer: string; until: number }>>();
  /** Sessions this node ended recently: a lookup that started before the end must not re-cache them. */
  const over = new Map<string, number>();
  const chains = new WeakMap<object, Promise<unknown>>();

  function prune(t: number): void {
    for (const [sessionId, until] of over) if (until <= t) over.delete(sessionId);
    for (const [sessionId, users] of peers) {
      for (const [userId, entry] of users) if (entry.until <= t) users.delete(userId);
      if (users.size === 0) peers.delete(sessionId);
    }
  }

  async function peerOf(userId: string, sessionId: string): Promise<string> {
    const cached = peers.get(sessionId)?.get(userId);
    if (cached && cached.until > now()) return cached.peer;
    const peer = await lookup(userId, sessionId);
    const t = now();
    if ((over.get(sessionId) ?? 0) > t) return peer;
    if (peers.size + over.size > 1_000) prune(t);
    const users = peers.get(sessionId) ?? new Map<string, { peer: string; until: number }>();
    users.set(userId, { peer, until: t + ttlMs });
    peers.set(sessionId, users);
    return peer;
  }

  return {
    relay(socket, userId, sessionId, send) {
      const before = chains.get(socket) ?? Promise.resolve();
      const next = before.then(async () => {
        await send(await peerOf(userId, sessionId));
      });
      chains.set(
        socket,
        next.catch(() => undefined),
      );
      return next;
    },
    ended(sessionId) {
      peers.delete(sessionId);
      over.set(sessionId, now() + ttlMs);
    },
  };
}
