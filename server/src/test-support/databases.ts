/**
 * Which databases the server tests run on: PGlite always; PostgreSQL when TEST_DATABASE_URL is set
 * (each app then gets its own throwaway database, dropped on close).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Db, prepareDb } from '../db/index.ts';

export type DbKind = 'pglite' | 'postgres';

const pgUrl = process.env.TEST_DATABASE_URL;
let noticeShown = false;

/** Every kind with the reason it is skipped (false = runs). Prints once why PostgreSQL is skipped. */
export function dbKinds(): Array<{ kind: DbKind; skip: string | false }> {
  if (!pgUrl && !noticeShown) {
    noticeShown = true;
    console.log('NOTICE: TEST_DATABASE_URL is not set, so the PostgreSQL variant of the server tests is SKIPPED.');
  }
  return [
    { kind: 'pglite', skip: false },
    { kind: 'postgres', skip: pgUrl ? false : 'TEST_DATABASE_URL is not set' },
  ];
}

/** Creates a fresh database on the TEST_DATABASE_URL server; returns its URL and a function that drops it. */
export async function createThrowawayDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!pgUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `flint_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A database a test owns and hands to its app (`createTestApp({ db })`): in memory for PGlite, a
 * throwaway one for PostgreSQL. It outlives the app, so a test can read the rows after `app.close()`.
 */
export async function openTestDatabase(kind: DbKind): Promise<{ db: Db; close(): Promise<void> }> {
  const throwaway = kind === 'postgres' ? await createThrowawayDatabase() : null;
  const db = await prepareDb({ databaseUrl: throwaway?.url, pgliteDir: 'memory://' });
  return {
    db,
    async close() {
      await db.close();
      await throwaway?.drop();
    },
  };
}
