#!/usr/bin/env node
/**
 * `npm test`: every suite in order: lint, unit (node), server (node, real app, PGlite and, when
 * TEST_DATABASE_URL is set, PostgreSQL), build, components (web-test-runner, real Chromium),
 * end-to-end (Playwright, two users, real servers), cluster (the same through nginx in front of two
 * server processes on PostgreSQL and Redis) and the network lab. Browser suites run in a private network
 * namespace with only loopback when we are root (docs/decisions.md, "Facts we rely on"), so media stays on
 * this machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
process.env.CHROME_PATH = chrome;

function ensureChromium() {
  if (existsSync(chrome)) return;
  const root = process.getuid?.() === 0;
  if (root && spawnSync('which', ['apt-get']).status === 0) {
    console.log(`[test] ${chrome} missing: installing Debian's chromium with apt-get…`);
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit' });
  }
  if (!existsSync(chrome)) {
    console.error(`[test] Chromium not found at ${chrome}: install it (Debian: apt-get install chromium) or set CHROME_PATH.`);
    process.exit(1);
  }
}

function canUseNetns() {
  if (process.env.FLINT_NETNS === '0' || process.getuid?.() !== 0) return false;
  return spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' }).status === 0;
}

const only = process.argv.slice(2);
const netns = canUseNetns();
const browser = (cmd) => (netns ? `unshare -n sh -c 'ip link set lo up && ${cmd}'` : cmd);
const suites = [
  ['lint', 'npm run --silent lint'],
  ['unit', 'npm run --silent test:unit'],
  ['server', 'npm run --silent test:server'],
  ['build', 'npm run --silent build && node scripts/lint/size-budget.mjs'],
  ['components', browser('npm run --silent test:components')],
  ['e2e', browser('npm run --silent test:e2e')],
  // nginx in front of two server processes on PostgreSQL + Redis (TEST_DATABASE_URL / TEST_REDIS_URL;
  // skipped with a notice without them). Not in a namespace: those services are on this machine's
  // loopback, which a fresh namespace cannot reach; it picks free ports instead (docs/decisions.md).
  ['cluster', 'npm run --silent test:cluster'],
  // Its own private namespace (veth, firewall, coturn inside it); skipped with a notice when not root.
  ['netlab', 'npm run --silent test:netlab'],
].filter(([name]) => only.length === 0 || only.includes(name));

ensureChromium();
// The two slowest scenario suites share no ports (the network lab runs in its own namespace, the
// cluster on free host ports), so they run side by side to keep the whole run short.
const TOGETHER = new Set(['cluster', 'netlab']);
const runAsync = (cmd) =>
  new Promise((resolve) => spawn(cmd, { shell: true, stdio: 'inherit', env: process.env }).on('exit', (code) => resolve(code)));
const results = [];
const together = [];
const report = (name, status) => {
  results.push([name, status === 0]);
  console.log(`[test] ${name}: ${status === 0 ? 'ok' : `FAILED (exit ${status})`}`);
};
for (const [name, cmd] of suites) {
  console.log(`\n[test] ── ${name}: ${cmd}`);
  if (TOGETHER.has(name)) together.push(runAsync(cmd).then((status) => [name, status]));
  else report(name, spawnSync(cmd, { shell: true, stdio: 'inherit', env: process.env }).status);
}
for (const [name, status] of await Promise.all(together)) report(name, status);
const failed = results.filter(([, ok]) => !ok).map(([name]) => name);
console.log(`\n[test] ${failed.length ? `failed suites: ${failed.join(', ')}` : 'all suites passed'}`);
console.log(`suites: ${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
