/**
 * Demo data for the embedded setup and the QA contract (ARCHITECTURE section 7). Idempotent: every
 * start runs it, and it only adds what is missing, so a fresh data dir gets a fresh seed and an old
 * one is left as users changed it.
 */
import type { Db, ScriptRunner } from './client.ts';

const SEED_LOCK_KEY = 7_271_002;

export const SEED_USERS = [
  { username: 'ava', displayName: 'Ava', bio: 'Climber, bad puns, good coffee.', age: 29, role: 'user' },
  { username: 'ben', displayName: 'Ben', bio: 'Cooks too much pasta. Will share.', age: 31, role: 'user' },
  { username: 'cleo', displayName: 'Cleo', bio: 'Sunday painter, weekday coder.', age: 27, role: 'user' },
  { username: 'dan', displayName: 'Dan', bio: 'Trail runner looking for a pacer.', age: 34, role: 'user' },
  { username: 'admin', displayName: 'Admin', bio: 'Keeps the lights on.', age: null, role: 'admin' },
] as const;

/**
 * Load users (FLINT_SEED_USERS, QA contract): `load0001`, `load0002`, … (four digits, more when N
 * needs them); each odd-numbered one likes and is matched with the next, with a conversation.
 * Set-based SQL, so ten thousand users take one statement each, not ten thousand round trips.
 */
async function seedLoadUsers(tx: ScriptRunner, n: number): Promise<void> {
  const width = Math.max(4, String(n).length);
  await tx.query(
    `INSERT INTO users (username, display_name, bio, role)
     SELECT 'load' || lpad(i::text, $2, '0'), 'Load ' || lpad(i::text, $2, '0'), '', 'user'
     FROM generate_series(1, $1::int) AS i
     ON CONFLICT (username) DO NOTHING`,
    [n, width],
  );
  // The pairs (1, 2), (3, 4), …: an odd i with i + 1 when both exist.
  const pairs = `SELECT a.id AS a, b.id AS b FROM generate_series(1, $1::int - 1, 2) AS i
     JOIN users a ON a.username = 'load' || lpad(i::text, $2, '0')
     JOIN users b ON b.username = 'load' || lpad((i + 1)::text, $2, '0')`;
  await tx.query(
    `INSERT INTO swipes (swiper_id, target_id, liked)
     SELECT a, b, true FROM (${pairs}) p UNION ALL SELECT b, a, true FROM (${pairs}) p
     ON CONFLICT DO NOTHING`,
    [n, width],
  );
  await tx.query(`INSERT INTO matches (user_a, user_b) SELECT least(a, b), greatest(a, b) FROM (${pairs}) p ON CONFLICT DO NOTHING`, [
    n,
    width,
  ]);
  await tx.query(
    `INSERT INTO conversations (match_id)
     SELECT m.id FROM (${pairs}) p JOIN matches m ON m.user_a = least(p.a, p.b) AND m.user_b = greatest(p.a, p.b)
     ON CONFLICT DO NOTHING`,
    [n, width],
  );
}

export async function seed(db: Db, options: { loadUsers?: number } = {}): Promise<void> {
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
    if (options.loadUsers) await seedLoadUsers(tx, options.loadUsers);
  });
}
