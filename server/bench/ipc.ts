/**
 * Messages between the bench orchestrator and its children (server children and client workers),
 * and a small request/response helper over a child's IPC channel. Every wait has a deadline, so a
 * stuck child fails the run instead of hanging it.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Orchestrator → server child. */
export type ServerRequest = { type: 'start'; clients: number } | { type: 'memory' } | { type: 'fanout'; round: number } | { type: 'close' };

/** Server child → orchestrator. `auths` are the handshake `auth` objects, one per client. */
export type ServerReply =
  | { type: 'started'; baseUrl: string; auths: Record<string, string>[] }
  | { type: 'memory'; heapUsed: number; sockets: number }
  | { type: 'fanned'; round: number; sentAt: number; emitMs: number }
  | { type: 'closed' }
  | { type: 'error'; message: string };

/** Orchestrator → client worker. */
export type WorkerRequest =
  | { type: 'connect'; baseUrl: string; auths: Record<string, string>[] }
  | { type: 'collect'; round: number }
  | { type: 'close' };

/** Client worker → orchestrator. */
export type WorkerReply =
  | { type: 'connected'; ms: number }
  | { type: 'round'; round: number; received: number; latencies: number[]; lastAt: number }
  | { type: 'closed' }
  | { type: 'error'; message: string };

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export class Child<Req extends { type: string }, Rep extends { type: string }> {
  private readonly proc: ChildProcess;
  private exited = false;

  constructor(
    script: string,
    readonly name: string,
    execArgv: string[] = [],
    env: Record<string, string> = {},
  ) {
    this.proc = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      execArgv: [...execArgv, '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.proc.on('exit', () => (this.exited = true));
  }

  /** Sends `req` and resolves with the first reply of type `expect` (an `error` reply rejects). */
  request<T extends Rep['type']>(req: Req, expect: T, timeoutMs: number): Promise<Extract<Rep, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`${this.name}: no "${expect}" within ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (msg: Rep) => {
        if (msg.type === expect) done(null, msg as Extract<Rep, { type: T }>);
        else if (msg.type === 'error') done(new Error(`${this.name}: ${(msg as unknown as { message: string }).message}`));
      };
      const onExit = (code: number | null) => done(new Error(`${this.name} exited (code ${code}) while waiting for "${expect}"`));
      const done = (err: Error | null, value?: Extract<Rep, { type: T }>) => {
        clearTimeout(timer);
        this.proc.off('message', onMessage);
        this.proc.off('exit', onExit);
        if (err) reject(err);
        else resolve(value!);
      };
      this.proc.on('message', onMessage);
      this.proc.once('exit', onExit);
      this.proc.send(req);
    });
  }

  /** Asks the child to close; kills it if it does not exit in time (it is ours, by pid). */
  async close(req: Req, timeoutMs = 10_000): Promise<void> {
    if (this.exited) return;
    const exit = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    try {
      await this.request(req, 'closed' as Rep['type'], timeoutMs);
    } catch {
      this.proc.kill('SIGKILL');
    }
    await exit;
  }

  kill(): void {
    if (!this.exited) this.proc.kill('SIGKILL');
  }
}

/** In a child: answers each request with `handle`'s reply, or an `error` reply when it throws. */
export function serveRequests<Req extends { type: string }, Rep>(handle: (req: Req) => Promise<Rep>): void {
  process.on('message', (req: Req) => {
    handle(req)
      .then((reply) => process.send!(reply))
      .catch((err: unknown) => process.send!({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
  });
  // The orchestrator gone means nobody will ever ask us to close: stop rather than linger.
  process.on('disconnect', () => process.exit(1));
}
