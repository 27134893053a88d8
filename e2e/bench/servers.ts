/**
 * The servers a call bench needs, started by the bench and stopped at its end:
 * - Flint, as `npm start` runs it (scripts/start.mjs: the server with the host on PORT, each remote
 *   on its own origin at PORT+1 and PORT+2) with its own PORT, a fresh FLINT_DATA_DIR and a short
 *   stage plan, like the e2e config. One difference: it serves a snapshot of the build taken when
 *   the bench starts. This tree's dist/ folders are rebuilt by other work while a bench runs for
 *   minutes, and a chunk replaced mid-call fails that call; a snapshot also means every run
 *   measures the same build.
 * - The baseline: a bare socket.io relay (the same socket.io 4.8.4 as Flint's server) that also
 *   serves the baseline page, on loopback.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const APPS = ['host', 'call-remote', 'realtime-remote'] as const;

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** A consistent copy of the three apps' dist/ (built first if one is missing); removed by stop(). */
export function snapshotBuild(): { dir: string; stop(): Promise<void> } {
  const dir = path.join(root, '.tmp', `bench-call-${process.pid}-build`);
  // The host's manifest, and each remote's pointer to its version in service (scripts/version-remotes.mjs).
  const manifest = (app: string) => path.join(root, app, 'dist', app === 'host' ? 'mf-manifest.json' : 'current.json');
  if (APPS.some((app) => !existsSync(manifest(app)))) {
    console.log('bench:call: building the apps (a dist/ is missing)…');
    if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  }
  const stamp = () => APPS.map((app) => statSync(manifest(app)).mtimeMs).join();
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = stamp();
    rmSync(dir, { recursive: true, force: true });
    for (const app of APPS) cpSync(path.join(root, app, 'dist'), path.join(dir, app), { recursive: true });
    if (stamp() === before) return { dir, stop: async () => rmSync(dir, { recursive: true, force: true }) };
    spawnSync('sleep', ['2']); // a build was writing meanwhile: let it finish and copy again
  }
  throw new Error('the apps kept being rebuilt while the bench copied them');
}

export interface FlintServerOptions {
  port: number;
  build: string;
  stagePlan: string;
  decisionTimeoutS: number;
  startTimeoutMs: number;
}

/** Flint on `port` with `stagePlan`; resolves when /api/health answers 200. */
export async function startFlint(opts: FlintServerOptions): Promise<RunningServer> {
  const dataDir = path.join(root, '.tmp', `bench-call-${process.pid}-${opts.port}`);
  rmSync(dataDir, { recursive: true, force: true });
  const env = {
    ...process.env,
    PORT: String(opts.port),
    FLINT_DATA_DIR: dataDir,
    FLINT_HOST_DIST: path.join(opts.build, 'host'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    FLINT_STAGE_PLAN: opts.stagePlan,
    FLINT_RING_TIMEOUT_S: '30',
    FLINT_DECISION_TIMEOUT_S: String(opts.decisionTimeoutS),
    FLINT_RECONNECT_GRACE_S: '15',
  };
  // The same three processes as scripts/start.mjs.
  const run = (args: string[]) =>
    spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env });
  const children = [
    run(['scripts/serve-remote.ts', path.join(opts.build, 'call-remote'), String(opts.port + 1)]),
    run(['scripts/serve-remote.ts', path.join(opts.build, 'realtime-remote'), String(opts.port + 2)]),
    run(['server/src/main.ts']),
  ];
  const url = `http://localhost:${opts.port}`;
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + opts.startTimeoutMs;
  while (Date.now() < deadline) {
    if (children.some((c) => c.exitCode !== null)) {
      await stop();
      throw new Error(`Flint on port ${opts.port}: a process exited before it was ready`);
    }
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`Flint on port ${opts.port} not healthy within ${opts.startTimeoutMs / 1000} s`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const late = setTimeout(() => child.kill('SIGKILL'), 8_000);
  await exited;
  clearTimeout(late);
}

/**
 * The baseline: GET / is the baseline page; socket.io relays `relay` messages to the other sockets
 * of the room a socket joined. Nothing else: no auth, no database, no session logic.
 */
export async function startBaseline(port: number): Promise<RunningServer> {
  const page = readFileSync(path.join(here, 'baseline.html'));
  const http = createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    } else if (!req.url?.startsWith('/socket.io/')) {
      res.writeHead(404).end();
    }
  });
  const io = new Server(http); // serves /socket.io/socket.io.min.js from socket.io-client 4.8.4
  io.on('connection', (socket) => {
    socket.on('join', (room: string, ack: () => void) => {
      void socket.join(room);
      ack();
    });
    socket.on('relay', (room: string, message: unknown) => void socket.to(room).emit('relay', message));
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}
