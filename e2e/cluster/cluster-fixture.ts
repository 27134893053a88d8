/**
 * A cluster for one spec file: `npm run cluster`'s launcher (scripts/cluster.ts) on a free block of
 * ports, with a fresh PostgreSQL database and its own Redis key prefix, and browser contexts pinned
 * to a chosen node through the balancer's own cookie. Needs TEST_DATABASE_URL and TEST_REDIS_URL.
 */
import { randomBytes } from 'node:crypto';
import { CallView, FlintApp } from '@flint/qa';
import type { Browser } from '@playwright/test';
import { Cluster, type ClusterOptions, freePortBlock, type NodeName } from '../../scripts/cluster.ts';
import { createThrowawayDatabase } from '../../server/src/test-support/databases.ts';

const pgUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
export const SKIP = !pgUrl || !redisUrl ? 'TEST_DATABASE_URL and TEST_REDIS_URL are both needed' : '';
if (SKIP) console.log(`NOTICE: the cluster suite is SKIPPED (${SKIP}).`);

export interface RunningCluster {
  cluster: Cluster;
  down(): Promise<void>;
}

export async function startCluster(options: Pick<ClusterOptions, 'env' | 'refuseUpgrades'> = {}): Promise<RunningCluster> {
  const database = await createThrowawayDatabase();
  const cluster = new Cluster({
    port: await freePortBlock(),
    databaseUrl: database.url,
    redisUrl: redisUrl!,
    refuseUpgrades: options.refuseUpgrades,
    output: 'inherit',
    env: {
      LOG_LEVEL: 'warn',
      REDIS_KEY_PREFIX: `flint-cluster-${randomBytes(4).toString('hex')}:`,
      FLINT_STUN_URLS: '',
      ...options.env,
    },
  });
  try {
    await cluster.up();
  } catch (err) {
    await database.drop();
    throw err;
  }
  return {
    cluster,
    async down() {
      await cluster.down();
      await database.drop();
    },
  };
}

/** A user's device (browser context) pinned by the balancer's cookie to `node`, signed in on `path`. */
export async function signInOn(browser: Browser, cluster: Cluster, node: NodeName, username: string, path = '/'): Promise<FlintApp> {
  const context = await CallView.newContext(browser);
  await context.addCookies([{ name: 'flint_lb', value: await cluster.stickyKeyFor(node), url: cluster.url }]);
  const app = new FlintApp(context, await context.newPage());
  await app.open(username, `${cluster.url}${path}`);
  return app;
}

/** Which node the balancer sends this browser's requests to now (its `X-Flint-Upstream`). */
export async function nodeOf(app: FlintApp, cluster: Cluster): Promise<NodeName | null> {
  const res = await app.page.request.get(`${cluster.url}/api/health`);
  return cluster.nodeAt(res.headers()['x-flint-upstream'] ?? '');
}
