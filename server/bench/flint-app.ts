/**
 * The real Flint server for a bench: createApp with every default module on loopback, embedded
 * PostgreSQL in memory unless `env` names a DATABASE_URL. The bench users are inserted with SQL
 * through the app's own database handle and their tokens signed by the app's own token service: no
 * bench-only endpoint exists in the server.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type FlintApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

export interface BenchFlint {
  app: FlintApp;
  baseUrl: string;
  userIds: string[];
  /** Handshake `auth` per user, in `userIds` order. */
  auths: Record<string, string>[];
  close(): Promise<void>;
}

/** Starts Flint with `users` fresh users; `env` adds server settings (DATABASE_URL, limits). */
export async function startFlintApp(users: number, env: Record<string, string> = {}): Promise<BenchFlint> {
  // A clean environment, not the caller's: the bench measures the embedded defaults (or what `env`
  // names), whatever DATABASE_URL or REDIS_URL the shell happens to have.
  const dataDir = mkdtempSync(join(tmpdir(), 'flint-bench-'));
  const config = {
    ...loadConfig({
      LOG_LEVEL: 'silent',
      FLINT_DATA_DIR: dataDir,
      AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      // Every bench client comes from 127.0.0.1: the per-address budgets (600 handshakes a minute)
      // would refuse the 2,000th socket of one machine, as they would an office behind one NAT.
      FLINT_HANDSHAKE_LIMIT_PER_MIN: '1000000',
      FLINT_REST_RATE_LIMIT_PER_MIN: '1000000',
      ...env,
    }),
    pgliteDir: 'memory://',
  };
  const app = await createApp({ config });
  const close = async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const baseUrl = await app.listen(0, '127.0.0.1');
    const { rows } = await app.db.rawTransaction((tx) =>
      tx.query(
        `INSERT INTO users (username, display_name)
         SELECT 'bench-' || g, 'Bench user ' || g FROM generate_series(1, $1) AS g RETURNING id`,
        [users],
      ),
    );
    const userIds = rows.map((r) => String(r.id));
    const auths = await Promise.all(userIds.map(async (id) => ({ token: await app.ctx.tokens.sign(id) })));
    return { app, baseUrl, userIds, auths, close };
  } catch (err) {
    await close();
    throw err;
  }
}
