/**
 * The real Flint server (createApp with every default module) on loopback, embedded PostgreSQL in
 * memory. The bench users are inserted with SQL through the app's own database handle and their
 * tokens signed by the app's own token service: no bench-only endpoint exists in the server. A
 * fan-out goes through `ctx.notifier.notify`, the path every domain uses to notify a user.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { serveTarget } from './server-child.ts';

serveTarget(async (clients) => {
  // A clean environment, not the caller's: the bench measures the embedded defaults, whatever
  // DATABASE_URL or REDIS_URL the shell happens to have.
  const dataDir = mkdtempSync(join(tmpdir(), 'flint-bench-'));
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', FLINT_DATA_DIR: dataDir, AUTH_JWT_SECRET: randomBytes(32).toString('hex') }),
    pgliteDir: 'memory://',
  };
  const app = await createApp({ config });
  try {
    const baseUrl = await app.listen(0, '127.0.0.1');
    const { rows } = await app.db.rawTransaction((tx) =>
      tx.query(
        `INSERT INTO users (username, display_name)
         SELECT 'bench-' || g, 'Bench user ' || g FROM generate_series(1, $1) AS g RETURNING id`,
        [clients],
      ),
    );
    const userIds = rows.map((r) => String(r.id));
    const auths = await Promise.all(userIds.map(async (id) => ({ token: await app.ctx.tokens.sign(id) })));
    return {
      baseUrl,
      auths,
      connectedSockets: () => app.io.of('/').sockets.size,
      fanout(notification) {
        for (const id of userIds) app.ctx.notifier.notify(id, notification);
      },
      async close() {
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
});
