import type { ChatMessage, Match } from '@flint/shared';
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { blocks, conversations, matches, messages, users } from '../db/schema.ts';
import { toPublicUser } from '../users/users.repository.ts';

/** Matches are stored with user_a < user_b; this orders any pair the same way. */
export const orderedPair = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

const otherOf = (userId: string) => sql`case when ${matches.userA} = ${userId} then ${matches.userB} else ${matches.userA} end`;

/**
 * The match's two people have not blocked each other (either way). A blocked pair's match stays
 * stored but is gone for both: from the match and conversation lists, and from presence.
 */
const notBlocked = sql`not exists (select 1 from ${blocks} where (${blocks.blockerId} = ${matches.userA} and ${blocks.blockedId} = ${matches.userB})
  or (${blocks.blockerId} = ${matches.userB} and ${blocks.blockedId} = ${matches.userA}))`;

/** Every match of `userId` (none with someone blocked either way), newest first, each with its conversation and the other person. */
export async function listMatches(db: Executor, userId: string): Promise<Match[]> {
  const rows = await db
    .select({ match: matches, conversationId: conversations.id, other: users })
    .from(matches)
    .innerJoin(conversations, eq(conversations.matchId, matches.id))
    .innerJoin(users, eq(users.id, otherOf(userId)))
    .where(and(or(eq(matches.userA, userId), eq(matches.userB, userId)), notBlocked))
    .orderBy(desc(matches.createdAt), desc(matches.id));
  return rows.map((r) => ({
    id: r.match.id,
    conversationId: r.conversationId,
    other: toPublicUser(r.other),
    createdAt: r.match.createdAt.toISOString(),
  }));
}

/** The match between two users, seen by `viewerId`, or null. */
export async function findMatchBetween(db: Executor, viewerId: string, otherId: string): Promise<Match | null> {
  const [a, b] = orderedPair(viewerId, otherId);
  const rows = await db
    .select({ match: matches, conversationId: conversations.id, other: users })
    .from(matches)
    .innerJoin(conversations, eq(conversations.matchId, matches.id))
    .innerJoin(users, eq(users.id, otherId))
    .where(and(eq(matches.userA, a), eq(matches.userB, b)));
  const r = rows[0];
  return r
    ? { id: r.match.id, conversationId: r.conversationId, other: toPublicUser(r.other), createdAt: r.match.createdAt.toISOString() }
    : null;
}

/** Creates the match and its conversation; null if the pair is already matched. */
export async function insertMatch(db: Executor, x: string, y: string): Promise<{ matchId: string; conversationId: string } | null> {
  const [a, b] = orderedPair(x, y);
  const [match] = await db.insert(matches).values({ userA: a, userB: b }).onConflictDoNothing().returning({ id: matches.id });
  if (!match) return null;
  const [conversation] = await db.insert(conversations).values({ matchId: match.id }).returning({ id: conversations.id });
  return { matchId: match.id, conversationId: conversation!.id };
}

/** Ids of everyone `userId` is matched with (and not blocked either way): the only people who may see their presence. */
export async function matchedUserIds(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .select({ other: otherOf(userId).mapWith(String) })
    .from(matches)
    .where(and(or(eq(matches.userA, userId), eq(matches.userB, userId)), notBlocked));
  return rows.map((r) => r.other);
}

/** `matchedUserIds` for many users in one query: each user's audience (an empty list for none). */
export async function matchedUserIdsOf(db: Executor, userIds: string[]): Promise<Map<string, string[]>> {
  const audiences = new Map(userIds.map((id) => [id, [] as string[]]));
  if (userIds.length === 0) return audiences;
  // One parameter (a JSON array), not one per id: a restarting node may ask for tens of thousands.
  const ids = sql`(select jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb)::uuid)`;
  const rows = await db
    .select({ a: matches.userA, b: matches.userB })
    .from(matches)
    .where(and(or(sql`${matches.userA} in ${ids}`, sql`${matches.userB} in ${ids}`), notBlocked));
  for (const { a, b } of rows) {
    audiences.get(a)?.push(b);
    audiences.get(b)?.push(a);
  }
  return audiences;
}

/** The newest message of each conversation. */
export async function lastMessages(db: Executor, conversationIds: string[]): Promise<Map<string, ChatMessage>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([messages.conversationId])
    .from(messages)
    .where(inArray(messages.conversationId, conversationIds))
    .orderBy(messages.conversationId, desc(messages.seq));
  return new Map(
    rows.map((m) => [
      m.conversationId,
      {
        id: m.id,
        conversationId: m.conversationId,
        senderId: m.senderId,
        clientId: m.clientId,
        body: m.body,
        seq: Number(m.seq),
        createdAt: m.createdAt.toISOString(),
      },
    ]),
  );
}
