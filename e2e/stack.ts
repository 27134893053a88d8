/**
 * A Flint stack the test controls piece by piece, as three deploys would run it (the commands
 * `npm start` runs): the server (API, Socket.IO and the host's files), the realtime remote and the
 * call remote, each its own process on its own port, so a test can stop one deploy and start it
 * again, or point the server at another remote version. A fresh embedded database per stack.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Piece = 'server' | 'realtime' | 'call';

async function waitForUrl(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export class Stack {
  private readonly children = new Map<Piece, ChildProcess>();
  private readonly dataDir = mkdtempSync(path.join(ROOT, '.tmp', 'stack-'));

  constructor(
    readonly port: number,
    private readonly env: Record<string, string> = {},
  ) {}

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  private command(piece: Piece): [string[], Record<string, string>, string] {
    if (piece === 'realtime')
      return [
        ['scripts/serve-remote.ts', 'realtime-remote/dist', String(this.port + 2)],
        {},
        `http://localhost:${this.port + 2}/current.json`,
      ];
    if (piece === 'call')
      return [['scripts/serve-remote.ts', 'call-remote/dist', String(this.port + 1)], {}, `http://localhost:${this.port + 1}/current.json`];
    const env = {
      PORT: String(this.port),
      FLINT_DATA_DIR: this.dataDir,
      FLINT_HOST_DIST: path.join(ROOT, 'host', 'dist'),
      LOG_LEVEL: 'warn',
      FLINT_STUN_URLS: '',
      ...this.env,
    };
    return [['server/src/main.ts'], env, `${this.url}/api/health`];
  }

  async start(piece: Piece): Promise<void> {
    const [args, env, ready] = this.command(piece);
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    this.children.set(piece, child);
    await waitForUrl(ready);
  }

  async stop(piece: Piece): Promise<void> {
    const child = this.children.get(piece);
    this.children.delete(piece);
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async up(): Promise<this> {
    await Promise.all([this.start('realtime'), this.start('call')]);
    await this.start('server');
    return this;
  }

  async down(): Promise<void> {
    for (const piece of ['server', 'call', 'realtime'] as const) await this.stop(piece);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * Builds the call remote as it was before its latest change (the parent of the newest commit that
 * touched call-remote/ or shared/), with that commit's own sources and build config, and files it
 * as a version of this deploy (`call-remote/dist/versions/<version>/`). Returns the version, or null
 * when git history is not available (a shallow clone).
 */
export function buildPreviousCallRemote(): { version: string; commit: string } | null {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  let commit: string;
  try {
    commit = git('rev-parse', `${git('log', '-1', '--format=%H', '--', 'call-remote/src', 'shared/src')}~1`);
  } catch {
    return null;
  }
  const version = `previous-${commit.slice(0, 8)}`;
  const target = path.join(ROOT, 'call-remote', 'dist', 'versions', version);
  if (existsSync(path.join(target, 'mf-manifest.json'))) return { version, commit };

  const work = path.join(ROOT, '.tmp', `previous-${commit.slice(0, 8)}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const files = ['package.json', 'tsconfig.json', 'rspack.config.ts', 'shared', 'call-remote', 'realtime-remote'];
  execFileSync('sh', ['-c', `git archive ${commit} ${files.join(' ')} | tar -x -C "${work}"`], { cwd: ROOT });
  // The installed packages, except the workspaces: those come from that commit (its shared/ above).
  const modules = path.join(work, 'node_modules');
  mkdirSync(path.join(modules, '@flint'), { recursive: true });
  for (const name of readdirSync(path.join(ROOT, 'node_modules'))) {
    if (name !== '@flint') symlinkSync(path.join(ROOT, 'node_modules', name), path.join(modules, name));
  }
  symlinkSync(path.join(work, 'shared'), path.join(modules, '@flint', 'shared'));
  execFileSync(
    path.join(ROOT, 'node_modules', '.bin', 'rspack'),
    ['build', '--config', 'rspack.config.ts', '--config-name', 'call-remote'],
    {
      cwd: work,
      stdio: 'inherit',
    },
  );
  const built = [path.join(work, 'call-remote', 'dist', '.next'), path.join(work, 'call-remote', 'dist')].find((dir) =>
    existsSync(path.join(dir, 'mf-manifest.json')),
  );
  if (!built) throw new Error(`the call remote of ${commit} built no mf-manifest.json`);
  cpSync(built, target, { recursive: true });
  rmSync(work, { recursive: true, force: true });
  return { version, commit };
}
