import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createThrowawayDatabase, dbKinds } from '../test-support/databases.ts';
import { openDb } from './client.ts';
import { type Db, prepareDb } from './index.ts';
import { migrate } from './migrate.ts';

const counts = async (db: Db) => {
  const { rows } = await db.orm.execute<{ users: number; matches: number; conversations: number; migrations: number }>(sql`
    SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM matches) AS matches,
           (SELECT count(*)::int FROM conversations) AS conversations,
           (SELECT count(*)::int FROM schema_migrations) AS migrations`);
  return rows[0]!;
};

describe('database preparation', () => {
  it('PGlite on disk: a fresh data dir is seeded once; a restart keeps data and re-applies nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flint-pglite-'));
    try {
      const first = await prepareDb({ pgliteDir: dir });
      const seeded = await counts(first);
      assert.equal(seeded.users, 5);
      assert.equal(seeded.matches, 1);
      assert.equal(seeded.conversations, 1);
      await first.orm.execute(sql`UPDATE users SET bio = 'changed' WHERE username = 'ava'`);
      await first.close();

      const second = await prepareDb({ pgliteDir: dir });
      assert.deepEqual(await counts(second), seeded);
      assert.deepEqual(await migrate(second), []);
      const { rows } = await second.orm.execute<{ bio: string }>(sql`SELECT bio FROM users WHERE username = 'ava'`);
      assert.equal(rows[0]!.bio, 'changed', 'the seed never overwrites what users changed');
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const pg = dbKinds().find((k) => k.kind === 'postgres')!;
  it('PostgreSQL: two processes preparing one database at once apply each migration once', { skip: pg.skip }, async () => {
    const throwaway = await createThrowawayDatabase();
    const dbs = await Promise.all([1, 2, 3].map(() => openDb({ databaseUrl: throwaway.url, pgliteDir: '' })));
    try {
      const applied = await Promise.all(dbs.map((db) => migrate(db)));
      const nonEmpty = applied.filter((a) => a.length > 0);
      assert.equal(nonEmpty.length, 1, 'exactly one migrator did the work');
      await Promise.all(dbs.map(() => prepareDb({ databaseUrl: throwaway.url, pgliteDir: '' }).then((d) => d.close())));
      const c = await counts(dbs[0]!);
      assert.equal(c.users, 5);
      assert.equal(c.matches, 1);
      assert.equal(c.migrations, nonEmpty[0]!.length);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      await throwaway.drop();
    }
  });
});
