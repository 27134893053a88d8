import type { PublicUser } from '@flint/shared';
import { and, asc, eq, inArray, ne, notExists, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { blocks, swipes, users } from '../db/schema.ts';

type UserRow = typeof users.$inferSelect;

export const toPublicUser = (u: UserRow): PublicUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  bio: u.bio,
  age: u.age,
  role: u.role,
  ...(u.picture ? { picture: u.picture } : {}),
});

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findUserById(db: Executor, id: string): Promise<PublicUser | null> {
  // A malformed id would make PostgreSQL throw on the uuid cast; it simply matches nobody.
  if (!UUID_RE.test(id)) return null;
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ? toPublicUser(row) : null;
}

/** `findUserById` for many ids in one query, in the order given (null for an unknown or malformed id). */
export async function findUsersByIds(db: Executor, ids: string[]): Promise<(PublicUser | null)[]> {
  const valid = [...new Set(ids.filter((id) => UUID_RE.test(id)))];
  const rows = valid.length ? await db.select().from(users).where(inArray(users.id, valid)) : [];
  const byId = new Map(rows.map((r) => [r.id, toPublicUser(r)]));
  return ids.map((id) => byId.get(id) ?? null);
}

export async function findUserByUsername(db: Executor, username: string): Promise<PublicUser | null> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row ? toPublicUser(row) : null;
}

export async function insertUser(
  db: Executor,
  user: { username: string; displayName: string; bio?: string; age?: number | null; role?: 'user' | 'admin'; picture?: string | null },
): Promise<PublicUser> {
  const [row] = await db.insert(users).values(user).returning();
  return toPublicUser(row!);
}

export async function updateProfile(
  db: Executor,
  id: string,
  patch: { displayName?: string; bio?: string; age?: number | null },
): Promise<PublicUser | null> {
  if (Object.keys(patch).length === 0) return findUserById(db, id);
  const [row] = await db.update(users).set(patch).where(eq(users.id, id)).returning();
  return row ? toPublicUser(row) : null;
}

/** People `userId` may still swipe on: not themselves, not swiped yet, no block either way, no admins. */
export async function listDeck(db: Executor, userId: string, limit = 50): Promise<PublicUser[]> {
  const rows = await db
    .select()
    .from(users)
    .where(
      and(
        ne(users.id, userId),
        eq(users.role, 'user'),
        notExists(
          db
            .select({ one: sql`1` })
            .from(swipes)
            .where(and(eq(swipes.swiperId, userId), eq(swipes.targetId, users.id))),
        ),
        notExists(
          db
            .select({ one: sql`1` })
            .from(blocks)
            .where(
              or(
                and(eq(blocks.blockerId, userId), eq(blocks.blockedId, users.id)),
                and(eq(blocks.blockerId, users.id), eq(blocks.blockedId, userId)),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(users.createdAt), asc(users.username))
    .limit(limit);
  return rows.map(toPublicUser);
}

export async function isBlockedEitherWay(db: Executor, a: string, b: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql`1` })
    .from(blocks)
    .where(or(and(eq(blocks.blockerId, a), eq(blocks.blockedId, b)), and(eq(blocks.blockerId, b), eq(blocks.blockedId, a))));
  return rows.length > 0;
}
