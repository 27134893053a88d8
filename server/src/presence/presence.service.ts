/**
 * Presence writes go through a batcher (db/batcher.ts): the connects and disconnects that arrive
 * while one batch is being written go together in the next, as one transaction (lock the batch's
 * users in id order, then one statement that deletes, inserts and counts), and the audiences of the
 * users whose online state changed are read in one more query. A reconnect storm of N sockets then
 * costs about N / batch transactions instead of N (each with four round trips).
 *
 * Each caller resolves only after its batch committed, so a socket's 'connect' (the connect hooks
 * run as the last handshake middleware) still means its row exists; its disconnect is only
 * submitted after that, so it always lands in a later batch than its own connect.
 */
import { createBatcher } from '../db/batcher.ts';
import type { Db } from '../db/index.ts';
import { matchedUserIds, matchedUserIdsOf } from '../matches/matches.repository.ts';
import { applySocketChanges, deleteNodeSockets, lockUsers, onlineAmong, type SocketChange } from './presence.repository.ts';

export interface PresenceChange {
  userId: string;
  online: boolean;
  /** Who may be told: only people matched with the user. */
  audience: string[];
}

/**
 * Most socket changes in one batch. PGlite runs a statement on the event loop, so there a batch is
 * smaller (the loop runs between batches; see chat/send-batcher.ts for the same trade).
 */
export function presenceBatch(kind: Db['kind']): number {
  return kind === 'pglite' ? 128 : 1000;
}

/**
 * Writes a batch of socket changes and says, per change, what to announce: a user whose count went
 * 0 → ≥1 is online, ≥1 → 0 offline, told once (with the first of their changes in the batch).
 */
async function storeChanges(db: Db, nodeId: string, batch: SocketChange[]): Promise<(PresenceChange | null)[]> {
  // A socket seen twice in one batch keeps its last change (a connect then its disconnect: gone).
  const last = new Map(batch.map((c) => [c.socketId, c]));
  const userIds = [...new Set(batch.map((c) => c.userId))].sort();
  const counts = await db.orm.transaction(async (tx) => {
    await lockUsers(tx, userIds);
    return applySocketChanges(tx, [...last.values()], nodeId);
  });
  const flips = userIds.filter((id) => {
    const c = counts.get(id);
    return c !== undefined && (c.before === 0) !== (c.after === 0);
  });
  const audiences = await matchedUserIdsOf(db.orm, flips);
  const told = new Set<string>();
  return batch.map((c) => {
    const audience = audiences.get(c.userId);
    if (!audience || told.has(c.userId)) return null;
    told.add(c.userId);
    return { userId: c.userId, online: counts.get(c.userId)!.after > 0, audience };
  });
}

export function createPresenceService(db: Db, nodeId: string) {
  const audience = (userId: string) => matchedUserIds(db.orm, userId);
  const writes = createBatcher<SocketChange, PresenceChange | null>({
    maxBatch: presenceBatch(db.kind),
    store: (batch) => storeChanges(db, nodeId, batch),
  });

  return {
    /** Records a socket; a change only when it is the user's first. */
    socketConnected: (socketId: string, userId: string) => writes.submit({ socketId, userId, connect: true }),

    /** Forgets a socket; a change only when it was the user's last. */
    socketDisconnected: (socketId: string, userId: string) => writes.submit({ socketId, userId, connect: false }),

    /**
     * At start: drop rows a previous run of this node left behind; changes for users now offline.
     * Set-based (two statements whatever the number of rows): a node that held 20,000 sockets
     * must not spend 40,000 queries before it listens again.
     */
    async clearNode(): Promise<PresenceChange[]> {
      const offline = await deleteNodeSockets(db.orm, nodeId);
      const audiences = await matchedUserIdsOf(db.orm, offline);
      return offline.map((userId) => ({ userId, online: false, audience: audiences.get(userId)! }));
    },

    /** Online state of the asked users; anyone not matched with the caller reads as offline. */
    async query(callerId: string, userIds: string[]): Promise<Record<string, boolean>> {
      const visible = new Set(await audience(callerId));
      const online = await onlineAmong(
        db.orm,
        userIds.filter((id) => visible.has(id)),
      );
      return Object.fromEntries(userIds.map((id) => [id, online.has(id)]));
    },
  };
}
