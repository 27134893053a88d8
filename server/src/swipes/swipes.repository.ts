import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { swipes } from '../db/schema.ts';

/** Records (or changes) a swipe. */
export async function upsertSwipe(db: Executor, swiperId: string, targetId: string, liked: boolean): Promise<void> {
  await db
    .insert(swipes)
    .values({ swiperId, targetId, liked })
    .onConflictDoUpdate({ target: [swipes.swiperId, swipes.targetId], set: { liked, createdAt: sql`now()` } });
}

export async function hasLiked(db: Executor, swiperId: string, targetId: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql`1` })
    .from(swipes)
    .where(and(eq(swipes.swiperId, swiperId), eq(swipes.targetId, targetId), eq(swipes.liked, true)));
  return rows.length > 0;
}

/**
 * Serialises swipes between the same two people until the transaction ends, on every node. Without
 * it, two people liking each other at the same instant would each miss the other's uncommitted like
 * and neither transaction would create the match.
 */
export async function lockPair(db: Executor, a: string, b: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`swipe:${a}:${b}`}, 0))`);
}
