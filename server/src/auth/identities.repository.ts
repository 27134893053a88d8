/** SQL of the (issuer, subject) → user links made for an identity provider's people. */
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { userIdentities } from '../db/schema.ts';

export async function findLinkedUserId(db: Executor, issuer: string, subject: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: userIdentities.userId })
    .from(userIdentities)
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)));
  return row?.userId ?? null;
}

export async function link(db: Executor, identity: { issuer: string; subject: string; userId: string }): Promise<void> {
  await db.insert(userIdentities).values(identity);
}

/** Serialises first sights of one person across nodes (two tabs opening at once create one user). */
export async function lockIdentity(db: Executor, issuer: string, subject: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${JSON.stringify([issuer, subject])}))`);
}
