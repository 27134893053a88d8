import { type Db, type DbOptions, openDb } from './client.ts';
import { migrate } from './migrate.ts';
import { seed } from './seed.ts';

export type { Db, Executor, Orm, Tx } from './client.ts';

/** Opens the database and brings it to the current schema with the demo seed: ready to serve. */
export async function prepareDb(options: DbOptions): Promise<Db> {
  const db = await openDb(options);
  try {
    await migrate(db);
    await seed(db);
    return db;
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}
