/** SQL of the push domain: one row per subscribed browser (push.tables.ts). */
import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { pushSubscriptions } from './push.tables.ts';

export interface StoredSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * Records `endpoint` for `userId`, taking it over from whoever had it (a browser belongs to the
 * person signed in on it), then keeps only the user's newest `keep` browsers.
 */
export async function upsert(
  db: Executor,
  userId: string,
  sub: { endpoint: string; keys: { p256dh: string; auth: string } },
  keep: number,
) {
  const row = { userId, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth, createdAt: new Date() };
  await db.insert(pushSubscriptions).values(row).onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: row });
  const newest = db
    .select({ id: pushSubscriptions.id })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .orderBy(desc(pushSubscriptions.createdAt))
    .limit(keep);
  await db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.userId, userId), notInArray(pushSubscriptions.id, newest)));
}

/** Deletes `userId`'s subscription at `endpoint`; false when they have none there (someone else's is untouched). */
export async function remove(db: Executor, userId: string, endpoint: string): Promise<boolean> {
  const gone = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  return gone.length > 0;
}

/** Deletes one row by id: the push service said the subscription is gone (404/410). */
export async function removeById(db: Executor, id: string): Promise<void> {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
}

export async function listFor(db: Executor, userId: string): Promise<StoredSubscription[]> {
  const rows = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
  return rows.map((r) => ({ id: r.id, endpoint: r.endpoint, keys: { p256dh: r.p256dh, auth: r.auth } }));
}
