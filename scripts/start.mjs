#!/usr/bin/env node
/**
 * `npm start`: builds what is missing, then serves the server (API + Socket.IO + host on PORT), each
 * remote on its own origin (PORT+1 call-remote, PORT+2 realtime-remote) and examples/plain-page, a
 * stranger's page embedding <flint-call> (PORT+3), on embedded defaults. Ctrl-C stops everything
 * cleanly. FLINT_REBUILD=1 forces a build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 3000);
/** Each build (rspack config name) and the file that says it was built. */
const builds = {
  host: 'host/dist/index.html',
  'call-remote': 'call-remote/dist/current.json',
  'realtime-remote': 'realtime-remote/dist/current.json',
  embed: 'call-remote/dist/embed.js',
  'host-sw': 'host/dist/sw.js',
};

const missing = Object.keys(builds).filter((name) => !existsSync(path.join(root, builds[name])));
if (missing.length > 0 || process.env.FLINT_REBUILD === '1') {
  console.log(`[flint] building ${missing.length ? missing.join(', ') : 'all apps'}…`);
  const args = ['rspack', 'build', '--config', 'rspack.config.ts'];
  if (process.env.FLINT_REBUILD !== '1') for (const name of missing) args.push('--config-name', name);
  const built = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const versioned = spawnSync(process.execPath, ['scripts/version-remotes.mjs'], { cwd: root, stdio: 'inherit' });
  if (versioned.status !== 0) process.exit(versioned.status ?? 1);
}
// Brotli and gzip copies beside the built files (only those missing or older than their file).
const compressed = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/compress-dist.ts'], { cwd: root, stdio: 'inherit' });
if (compressed.status !== 0) process.exit(compressed.status ?? 1);

const children = [];
function run(name, args, env = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[flint] ${name} exited (${signal ?? code}); stopping`);
      stop(code ?? 1);
    }
  });
  children.push(child);
}

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const deadline = setTimeout(() => process.exit(code), 5000);
  deadline.unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run('call-remote', ['scripts/serve-remote.ts', 'call-remote/dist', String(port + 1)]);
run('realtime-remote', ['scripts/serve-remote.ts', 'realtime-remote/dist', String(port + 2)]);
run('plain-page', ['scripts/serve-remote.ts', 'examples/plain-page', String(port + 3)]);
run('server', ['server/src/main.ts'], { PORT: String(port), FLINT_HOST_DIST: path.join(root, 'host', 'dist') });

const url = `http://localhost:${port}`;
for (let i = 0; i < 120 && !stopping; i++) {
  try {
    const res = await fetch(`${url}/api/health`);
    if (res.ok) {
      console.log(`\n[flint] ready: open ${url}  (demo users: ava, ben, cleo, dan, admin; try ${url}/?as=ava)`);
      console.log(`[flint] a stranger's page embedding <flint-call>: http://localhost:${port + 3}/?as=ben\n`);
      break;
    }
  } catch {
    // not up yet
  }
  await new Promise((r) => setTimeout(r, 500));
}
