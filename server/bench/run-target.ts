/**
 * One measured server (bare or Flint) and its clients: the server child, its heap samples before
 * and after the clients connect, and fan-out rounds, each awaited until every client has its
 * notification. The orchestrator drives two of these and alternates their rounds, so whatever else
 * the machine is doing falls on both alike.
 */

import { nowMs } from './clock.ts';
import { Child, type ServerReply, type ServerRequest, type WorkerReply, type WorkerRequest } from './ipc.ts';
import { percentile } from './stats.ts';

export interface TargetResult {
  connectMs: number;
  heapPerConnBytes: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  emitLoopP50: number;
  /** Notifications received / time from each round's send to its last receipt, summed over rounds. */
  messagesPerSecond: number;
}

export class TargetRun {
  private readonly server: Child<ServerRequest, ServerReply>;
  private readonly workers: Child<WorkerRequest, WorkerReply>[] = [];
  private baseUrl = '';
  private auths: Record<string, string>[] = [];
  private heapBefore = 0;
  private connectMs = 0;
  private heapPerConn = 0;
  private readonly latencies: number[] = [];
  private readonly emitLoops: number[] = [];
  private roundsMs = 0;
  private counted = 0;

  constructor(
    readonly name: string,
    script: string,
    private readonly clients: number,
  ) {
    this.server = new Child(script, `${name} server`, ['--expose-gc']);
  }

  async start(): Promise<void> {
    ({ baseUrl: this.baseUrl, auths: this.auths } = await this.server.request({ type: 'start', clients: this.clients }, 'started', 60_000));
    this.heapBefore = (await this.server.request({ type: 'memory' }, 'memory', 20_000)).heapUsed;
  }

  /** Connects every client from `workers` processes, then samples the server's heap again. */
  async connect(workers: number): Promise<void> {
    for (let i = 0; i < workers; i++) this.workers.push(new Child('./client-worker.ts', `${this.name} clients #${i + 1}`));
    const share = Math.ceil(this.auths.length / workers);
    const started = nowMs();
    await Promise.all(
      this.workers.map((w, i) =>
        w.request({ type: 'connect', baseUrl: this.baseUrl, auths: this.auths.slice(i * share, (i + 1) * share) }, 'connected', 90_000),
      ),
    );
    this.connectMs = nowMs() - started;
    this.auths = [];
    const after = await this.server.request({ type: 'memory' }, 'memory', 20_000);
    if (after.sockets !== this.clients) throw new Error(`${this.name}: ${after.sockets} sockets on the server, expected ${this.clients}`);
    this.heapPerConn = (after.heapUsed - this.heapBefore) / this.clients;
  }

  /** One notification to every user; `counted` false for warm-up rounds. */
  async round(round: number, counted: boolean): Promise<void> {
    const fanned = await this.server.request({ type: 'fanout', round }, 'fanned', 15_000);
    const replies = await Promise.all(this.workers.map((w) => w.request({ type: 'collect', round }, 'round', 20_000)));
    const received = replies.reduce((sum, r) => sum + r.received, 0);
    if (received !== this.clients) {
      throw new Error(`${this.name}: round ${round}: ${received} of ${this.clients} clients got the notification within the timeout`);
    }
    if (!counted) return;
    this.counted++;
    this.roundsMs += Math.max(...replies.map((r) => r.lastAt)) - fanned.sentAt;
    this.emitLoops.push(fanned.emitMs);
    for (const r of replies) for (const l of r.latencies) this.latencies.push(l);
  }

  result(): TargetResult {
    const latencies = this.latencies.sort((a, b) => a - b);
    return {
      connectMs: this.connectMs,
      heapPerConnBytes: this.heapPerConn,
      latencyP50: percentile(latencies, 50),
      latencyP99: percentile(latencies, 99),
      latencyMax: latencies.at(-1)!,
      emitLoopP50: percentile(
        this.emitLoops.sort((a, b) => a - b),
        50,
      ),
      messagesPerSecond: (this.clients * this.counted) / (this.roundsMs / 1000),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close({ type: 'close' })));
    await this.server.close({ type: 'close' });
  }
}
