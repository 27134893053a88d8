/**
 * Opens the database: PGlite (embedded PostgreSQL, the zero-install default) or a node-postgres pool
 * when DATABASE_URL is set. Both speak the same SQL, so repositories and migrations are shared.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** What `execute()` returns on both drivers: at least `rows` (pg's QueryResult and PGlite's Results agree there). */
export interface RowsResult<T> {
  rows: T[];
}
export interface RowsResultHKT extends PgQueryResultHKT {
  type: RowsResult<this['row']>;
}
export type Orm = PgDatabase<RowsResultHKT, Schema>;
export type Tx = PgTransaction<RowsResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories accept either, so a service can run several of them in one transaction. */
export type Executor = Orm | Tx;

/** Driver-level access for the migrator: whole SQL scripts need the driver's multi-statement path. */
export interface ScriptRunner {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  exec(script: string): Promise<void>;
}

export interface Db {
  kind: 'pglite' | 'postgres';
  orm: Orm;
  /** Runs `fn` in one driver transaction (used by the migrator and the seed). */
  rawTransaction<T>(fn: (runner: ScriptRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl?: string;
  /** Directory or `memory://`; used when no databaseUrl is given. */
  pgliteDir: string;
}

export async function openDb(options: DbOptions): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.pgliteDir);
}

async function openPglite(dir: string): Promise<Db> {
  const onDisk = !dir.startsWith('memory://');
  if (onDisk) mkdirSync(dir, { recursive: true });
  const unlock = onDisk ? lockDataDir(dir) : () => undefined;
  let client: PGlite;
  try {
    client = new PGlite(dir);
    await client.waitReady;
  } catch (err) {
    unlock();
    throw err;
  }
  yieldBetweenQueries(client);
  return {
    kind: 'pglite',
    orm: drizzlePglite(client, { schema }) as unknown as Orm,
    rawTransaction: (fn) =>
      client.transaction((tx) =>
        fn({
          query: (text, params) => tx.query<Record<string, unknown>>(text, params),
          exec: async (script) => {
            await tx.exec(script);
          },
        }),
      ),
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/**
 * PGlite runs each query synchronously in WebAssembly on the main thread, and its own queue hands
 * the next query over in a microtask: a burst (a thousand chat sends) would run back to back without
 * ever letting timers or I/O in, and socket heartbeats time out. So queries, scripts and whole
 * transactions go through one queue here that waits a turn of the event loop (`setImmediate`)
 * before each: the loop runs between any two of them. A query issued from inside a transaction's
 * callback bypasses the queue (the transaction holds it; waiting would deadlock).
 */
function yieldBetweenQueries(client: PGlite): void {
  const inTransaction = new AsyncLocalStorage<true>();
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    if (inTransaction.getStore()) return run();
    const result = tail.then(() => nextTurn()).then(run);
    tail = result.catch(() => undefined);
    return result;
  };
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = ((...args: Parameters<typeof query>) => inTurn(() => query(...args))) as typeof client.query;
  client.exec = (...args) => inTurn(() => exec(...args));
  client.transaction = ((fn: Parameters<typeof transaction>[0]) =>
    inTurn(() => transaction((tx) => inTransaction.run(true, () => fn(tx))))) as typeof client.transaction;
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that loses its connection (server restart, failover, admin termination) is
  // emitted here; without a listener it would crash the process. pg drops that client and the next
  // query opens a fresh one, so a warning is all it needs.
  pool.on('error', (err) => console.warn(`[db] idle PostgreSQL connection lost: ${err.message}`));
  // Fail at start, not at the first request, when the database is unreachable.
  await pool.query('select 1');
  return {
    kind: 'postgres',
    orm: drizzlePg(pool, { schema }) as unknown as Orm,
    rawTransaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: (text, params) => client.query(text, params as unknown[]),
          exec: async (script) => {
            await client.query(script);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
