/**
 * Presence as rows, one per connected socket, rather than asking the adapter (`fetchSockets()`):
 * the count and the change it implies are decided inside one transaction holding the user's row
 * lock, so when two nodes connect or drop the same user at the same instant exactly one of them sees
 * the 0↔1 transition. A `fetchSockets()` snapshot races there (both nodes could still see the other
 * socket and nobody would announce "offline"), and it costs a round trip to every node per connect.
 */
import { count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { presenceSockets, users } from '../db/schema.ts';

/** Locks one user's presence until the transaction ends (every node takes the same row lock). */
export async function lockUser(db: Executor, userId: string): Promise<void> {
  await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
}

export async function countSockets(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(presenceSockets).where(eq(presenceSockets.userId, userId));
  return Number(row?.n ?? 0);
}

export async function insertSocket(db: Executor, row: { socketId: string; userId: string; nodeId: string }): Promise<void> {
  await db.insert(presenceSockets).values(row).onConflictDoNothing();
}

/** True if the row existed. */
export async function deleteSocket(db: Executor, socketId: string): Promise<boolean> {
  const rows = await db.delete(presenceSockets).where(eq(presenceSockets.socketId, socketId)).returning({ id: presenceSockets.socketId });
  return rows.length > 0;
}

/** Removes every row a node left behind (it crashed or was killed); returns the users they belonged to. */
export async function deleteNodeSockets(db: Executor, nodeId: string): Promise<string[]> {
  const rows = await db.delete(presenceSockets).where(eq(presenceSockets.nodeId, nodeId)).returning({ userId: presenceSockets.userId });
  return [...new Set(rows.map((r) => r.userId))];
}

export async function onlineAmong(db: Executor, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ userId: presenceSockets.userId })
    .from(presenceSockets)
    .where(inArray(presenceSockets.userId, userIds));
  return new Set(rows.map((r) => r.userId));
}
