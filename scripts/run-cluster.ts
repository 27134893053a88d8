/**
 * `npm run cluster`: two server nodes on PostgreSQL (DATABASE_URL) and Redis (REDIS_URL) behind
 * nginx, with the remotes and the plain page, on PORT (default 3000; the rest on PORT+1…PORT+5, see
 * scripts/cluster.ts). Builds what is missing first, prints the URL, and Ctrl-C stops everything it
 * started. Every other server variable (FLINT_STAGE_PLAN, LOG_LEVEL…) passes through to both nodes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Cluster, ensureNginx, ROOT } from './cluster.ts';

const { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl } = process.env;
if (!databaseUrl || !redisUrl) {
  console.error(
    '[cluster] needs DATABASE_URL (postgres://…) and REDIS_URL (redis://…): every node shares one database and one Redis.\n' +
      '  e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/flint REDIS_URL=redis://127.0.0.1:6379 npm run cluster',
  );
  process.exit(2);
}
const port = Number(process.env.PORT ?? 3000);

const built = ['host/dist/index.html', 'call-remote/dist/current.json', 'realtime-remote/dist/current.json'];
if (built.some((file) => !existsSync(path.join(ROOT, file)))) {
  console.log('[cluster] building the apps…');
  if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);
}
ensureNginx();

const cluster = new Cluster({
  port,
  databaseUrl,
  redisUrl,
  output: 'prefixed',
  refuseUpgrades: process.env.FLINT_CLUSTER_REFUSE_UPGRADES === '1',
});
let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\n[cluster] stopping…');
  await cluster.down();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  await cluster.up();
} catch (err) {
  console.error(`[cluster] could not start: ${(err as Error).message}`);
  process.exit(1);
}
console.log(`\n[cluster] ready: open ${cluster.url}  (nginx → node a ${cluster.nodeUrl('a')}, node b ${cluster.nodeUrl('b')})`);
console.log(`[cluster] demo users: ava, ben, cleo, dan, admin; try ${cluster.url}/?as=ava   Ctrl-C stops everything.\n`);
