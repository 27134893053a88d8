/**
 * Demo data for the embedded setup and the QA contract (ARCHITECTURE section 7). Idempotent: every
 * start runs it, and it only adds what is missing, so a fresh data dir gets a fresh seed and an old
 * one is left as users changed it.
 */
import type { Db } from './client.ts';

const SEED_LOCK_KEY = 7_271_002;

export const SEED_USERS = [
  { username: 'ava', displayName: 'Ava', bio: 'Climber, bad puns, good coffee.', age: 29, role: 'user' },
  { username: 'ben', displayName: 'Ben', bio: 'Cooks too much pasta. Will share.', age: 31, role: 'user' },
  { username: 'cleo', displayName: 'Cleo', bio: 'Sunday painter, weekday coder.', age: 27, role: 'user' },
  { username: 'dan', displayName: 'Dan', bio: 'Trail runner looking for a pacer.', age: 34, role: 'user' },
  { username: 'admin', displayName: 'Admin', bio: 'Keeps the lights on.', age: null, role: 'admin' },
] as const;

export async function seed(db: Db): Promise<void> {
  await db.rawTransaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    for (const u of SEED_USERS) {
      await tx.query(
        `INSERT INTO users (username, display_name, bio, age, role) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (username) DO NOTHING`,
        [u.username, u.displayName, u.bio, u.age, u.role],
      );
    }
    // ava and ben start matched (both liked each other), with a conversation.
    await tx.query(
      `INSERT INTO swipes (swiper_id, target_id, liked)
       SELECT a.id, b.id, true FROM users a, users b
       WHERE (a.username, b.username) IN (('ava', 'ben'), ('ben', 'ava'))
       ON CONFLICT DO NOTHING`,
    );
    await tx.query(
      `INSERT INTO matches (user_a, user_b)
       SELECT least(a.id, b.id), greatest(a.id, b.id) FROM users a, users b
       WHERE a.username = 'ava' AND b.username = 'ben'
       ON CONFLICT DO NOTHING`,
    );
    await tx.query(
      `INSERT INTO conversations (match_id)
       SELECT m.id FROM matches m
       JOIN users a ON a.username = 'ava' JOIN users b ON b.username = 'ben'
       WHERE m.user_a = least(a.id, b.id) AND m.user_b = greatest(a.id, b.id)
       ON CONFLICT DO NOTHING`,
    );
    await tx.query(`INSERT INTO settings (key, value) VALUES ('connection_mode', '"auto"'::jsonb) ON CONFLICT DO NOTHING`);
  });
}
