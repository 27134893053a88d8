/**
 * The real server process (`server/src/main.ts`) for tests about the process itself: signals,
 * logging, the data dir lock. PGlite on disk in a fresh data dir unless one is given.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Every JSON log line read so far (only while `stdout` is being read). */
  lines: Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The process ended before it was ready; `lines` is what it logged. */
export class ExitedEarly extends Error {
  constructor(
    readonly code: number | null,
    readonly lines: Array<Record<string, unknown>>,
  ) {
    super(`the server exited (${code}) before it was ready: ${JSON.stringify(lines.slice(-3))}`);
  }
}

/** Starts `main.ts` on a free port (and a fresh data dir unless given); resolves once it logged "ready". */
export function startServer(env: Record<string, string> = {}, dataDir = freshDataDir()): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', FLINT_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines: Array<Record<string, unknown>> = [];
  let rest = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = rest + chunk.toString();
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) {
        let line: Record<string, unknown>;
        try {
          line = JSON.parse(part) as Record<string, unknown>;
        } catch {
          line = { msg: part };
        }
        lines.push(line);
        if (typeof line.url === 'string' && String(line.msg).includes('ready')) resolve({ child, url: line.url, lines, exited });
      }
    });
    void exited.then(({ code }) => reject(new ExitedEarly(code, lines)));
  });
}

export function freshDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'flint-process-'));
  dirs.push(dir);
  return dir;
}

/** Kills every server a test left running (e.g. one frozen on a full pipe) and removes the data dirs. */
export function stopAllServers(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
