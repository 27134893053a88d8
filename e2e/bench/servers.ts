/**
 * The servers a call bench needs, started by the bench and stopped at its end:
 * - Flint, exactly as the e2e config starts it (`node scripts/start.mjs` with its own PORT, a fresh
 *   FLINT_DATA_DIR and a short stage plan); the remotes take PORT+1 and PORT+2.
 * - The baseline: a bare socket.io relay (the same socket.io 4.8.4 as Flint's server) that also
 *   serves the baseline page, on loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export interface FlintServerOptions {
  port: number;
  stagePlan: string;
  decisionTimeoutS: number;
  startTimeoutMs: number;
}

/** Flint on `port` with `stagePlan`; resolves when /api/health answers 200. */
export async function startFlint(opts: FlintServerOptions): Promise<RunningServer> {
  const dataDir = path.join(root, '.tmp', `bench-call-${process.pid}-${opts.port}`);
  rmSync(dataDir, { recursive: true, force: true });
  // Its own process group, so stopping it also stops the remotes' servers start.mjs runs.
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(opts.port),
      FLINT_DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      FLINT_STAGE_PLAN: opts.stagePlan,
      FLINT_RING_TIMEOUT_S: '30',
      FLINT_DECISION_TIMEOUT_S: String(opts.decisionTimeoutS),
      FLINT_RECONNECT_GRACE_S: '15',
    },
  });
  const url = `http://localhost:${opts.port}`;
  const stop = async () => {
    await stopGroup(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + opts.startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Flint on port ${opts.port} exited (${child.exitCode}) before it was ready`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { url, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`Flint on port ${opts.port} not healthy within ${opts.startTimeoutMs / 1000} s`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM');
  const late = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 8_000);
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
