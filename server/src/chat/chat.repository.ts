/**
 * Chat storage: messages with a per-conversation `seq`, receipt pointers and conversation summaries.
 * Plain SQL through drizzle; the same statements run on PGlite and PostgreSQL.
 */

import type { ChatMessage, ChatReceipts, ChatSystemLine } from '@flint/shared';
import { and, asc, desc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Executor, Orm } from '../db/index.ts';
import { conversations, matches, messages } from '../db/schema.ts';

type MessageRow = typeof messages.$inferSelect;

export const toChatMessage = (r: MessageRow): ChatMessage => ({
  id: r.id,
  conversationId: r.conversationId,
  senderId: r.senderId,
  clientId: r.clientId,
  body: r.body,
  seq: r.seq,
  createdAt: r.createdAt.toISOString(),
  ...(r.system ? { system: r.system } : {}),
});

/** The two members of a conversation (its match's pair), or null when there is no such conversation. */
export async function findMembers(db: Executor, conversationId: string): Promise<[string, string] | null> {
  const [row] = await db
    .select({ a: matches.userA, b: matches.userB })
    .from(conversations)
    .innerJoin(matches, eq(matches.id, conversations.matchId))
    .where(eq(conversations.id, conversationId));
  return row ? [row.a, row.b] : null;
}

/** Thrown inside the insert transaction to roll back the seq increment of a duplicate. */
class DuplicateClientId extends Error {}

/**
 * Stores a message with the conversation's next seq. Incrementing `conversations.last_seq` locks the
 * row until commit, so concurrent inserts (any process) are numbered one after another without gaps.
 * Returns null when the same (conversation, sender, clientId) was stored concurrently: the caller
 * then reads that row.
 */
export async function insertMessage(
  db: Orm,
  m: { conversationId: string; senderId: string; clientId: string; body: string },
): Promise<ChatMessage | null> {
  try {
    return await db.transaction(async (tx) => {
      const bumped = await tx.execute<{ seq: number }>(
        sql`UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ${m.conversationId} RETURNING last_seq::int AS seq`,
      );
      const seq = Number(bumped.rows[0]!.seq);
      const [row] = await tx
        .insert(messages)
        .values({ ...m, seq })
        .onConflictDoNothing({ target: [messages.conversationId, messages.senderId, messages.clientId] })
        .returning();
      if (!row) throw new DuplicateClientId();
      return toChatMessage(row);
    });
  } catch (err) {
    if (err instanceof DuplicateClientId) return null;
    throw err;
  }
}

/**
 * Stores a system line inside the caller's transaction `tx`, once per (conversation, sender,
 * clientId): null when it is there already. The caller holds a lock that serialises writers of the
 * same line (the calls domain: the session row), so the check cannot race; the unique key backs it.
 */
export async function insertSystemLine(
  tx: Executor,
  m: { conversationId: string; senderId: string; clientId: string; system: ChatSystemLine },
): Promise<ChatMessage | null> {
  const [existing] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, m.conversationId), eq(messages.senderId, m.senderId), eq(messages.clientId, m.clientId)));
  if (existing) return null;
  const bumped = await tx.execute<{ seq: number }>(
    sql`UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ${m.conversationId} RETURNING last_seq::int AS seq`,
  );
  if (!bumped.rows[0]) return null;
  const [row] = await tx
    .insert(messages)
    .values({ ...m, body: '', seq: Number(bumped.rows[0].seq) })
    .returning();
  return toChatMessage(row!);
}

/**
 * One page in ascending seq. With `after`: the oldest `limit` messages newer than it (the sync).
 * Otherwise: the newest `limit` messages older than `before` (or the newest of all).
 */
export async function listMessages(
  db: Executor,
  conversationId: string,
  page: { before?: number; after?: number; limit: number },
): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
  const forward = page.after !== undefined;
  const bound = forward ? gt(messages.seq, page.after!) : page.before !== undefined ? lt(messages.seq, page.before) : undefined;
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), bound))
    .orderBy(forward ? asc(messages.seq) : desc(messages.seq))
    .limit(page.limit + 1);
  const hasMore = rows.length > page.limit;
  const slice = rows.slice(0, page.limit).map(toChatMessage);
  return { messages: forward ? slice : slice.reverse(), hasMore };
}

export async function getReceipts(db: Executor, conversationId: string, userId: string): Promise<ChatReceipts> {
  const { rows } = await db.execute<{ read: number; delivered: number }>(
    sql`SELECT last_read_seq::int AS read, last_delivered_seq::int AS delivered FROM conversation_reads
        WHERE conversation_id = ${conversationId} AND user_id = ${userId}`,
  );
  const row = rows[0];
  return row ? { read: Number(row.read), delivered: Number(row.delivered) } : { read: 0, delivered: 0 };
}

/**
 * Moves a member's pointer forward to `upTo`, capped at the conversation's last seq; reading implies
 * having received. Returns the new pointers, or null when nothing moved (no relay needed).
 */
export async function advanceReceipt(
  db: Executor,
  conversationId: string,
  userId: string,
  kind: 'read' | 'delivered',
  upTo: number,
): Promise<ChatReceipts | null> {
  const read = kind === 'read';
  const { rows } = await db.execute<{ read: number; delivered: number }>(sql`
    INSERT INTO conversation_reads AS r (conversation_id, user_id, last_read_seq, last_delivered_seq)
    SELECT c.id, ${userId}::uuid, CASE WHEN ${read}::boolean THEN least(${upTo}::bigint, c.last_seq) ELSE 0 END,
      least(${upTo}::bigint, c.last_seq)
    FROM conversations c WHERE c.id = ${conversationId} AND least(${upTo}::bigint, c.last_seq) > 0
    ON CONFLICT (conversation_id, user_id) DO UPDATE SET
      last_read_seq = greatest(r.last_read_seq, excluded.last_read_seq),
      last_delivered_seq = greatest(r.last_delivered_seq, excluded.last_delivered_seq)
    WHERE r.last_read_seq < excluded.last_read_seq OR r.last_delivered_seq < excluded.last_delivered_seq
    RETURNING last_read_seq::int AS read, last_delivered_seq::int AS delivered`);
  const row = rows[0];
  return row ? { read: Number(row.read), delivered: Number(row.delivered) } : null;
}

/**
 * Unread messages (from the other member, past `userId`'s read pointer) per conversation, for
 * `ConversationSummary.unread`; conversations with none are absent.
 */
export async function unreadCounts(db: Executor, userId: string, conversationIds: string[]): Promise<Map<string, number>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .select({ conversationId: messages.conversationId, count: sql<number>`count(*)::int` })
    .from(messages)
    .where(
      and(
        inArray(messages.conversationId, conversationIds),
        ne(messages.senderId, userId),
        sql`${messages.seq} > coalesce((SELECT r.last_read_seq FROM conversation_reads r
              WHERE r.conversation_id = ${messages.conversationId} AND r.user_id = ${userId}), 0)`,
      ),
    )
    .groupBy(messages.conversationId);
  return new Map(rows.map((r) => [r.conversationId, Number(r.count)]));
}
