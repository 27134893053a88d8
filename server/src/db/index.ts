import { type Db, type DbOptions, openDb } from './client.ts';
import { migrate } from './migrate.ts';
import { seed } from './seed.ts';

export type { Db, Executor, Orm, Tx } from './client.ts';

/**
 * Opens the database and brings it to the current schema with the demo seed (plus `seedUsers` load
 * users, FLINT_SEED_USERS): ready to serve.
 */
export async function prepareDb(options: DbOptions & { seedUsers?: number }): Promise<Db> {
  const db = await openDb(options);
  try {
    await migrate(db);
    await seed(db, { loadUsers: options.seedUsers ?? 0 });
    return db;
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}
