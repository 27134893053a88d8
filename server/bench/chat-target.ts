/**
 * One measured chat server (bare, Flint on PGlite, Flint on PostgreSQL) and its client worker: the
 * server child, the connection of every member, and rounds, each awaited until every message has
 * arrived and been acked. The orchestrator drives several of these and alternates their rounds, so
 * whatever else the machine is doing falls on all of them alike.
 */
import type { BenchPair, ChatServerReply, ChatServerRequest, ChatWorkerReply, ChatWorkerRequest } from './chat-ipc.ts';
import { Child } from './ipc.ts';
import { percentile } from './stats.ts';

export interface ChatResult {
  connectMs: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  ackP50: number;
  /** Messages received / Σ each round's first send → its last receipt. */
  messagesPerSecond: number;
}

export class ChatTarget {
  private readonly server: Child<ChatServerRequest, ChatServerReply>;
  private worker: Child<ChatWorkerRequest, ChatWorkerReply> | null = null;
  private baseUrl = '';
  private pairs: BenchPair[] = [];
  private connectMs = 0;
  private readonly latencies: number[] = [];
  private readonly ackLatencies: number[] = [];
  private received = 0;
  private roundsMs = 0;

  constructor(
    readonly name: string,
    script: string,
    private readonly databaseUrl?: string,
  ) {
    this.server = new Child(script, `${name} server`);
  }

  async start(pairs: number): Promise<void> {
    const started = await this.server.request({ type: 'start', pairs, databaseUrl: this.databaseUrl }, 'started', 120_000);
    ({ baseUrl: this.baseUrl, pairs: this.pairs } = started);
    if (this.pairs.length !== pairs) throw new Error(`${this.name}: ${this.pairs.length} conversations, expected ${pairs}`);
  }

  async connect(): Promise<void> {
    this.worker = new Child('./chat-client-worker.ts', `${this.name} clients`);
    this.connectMs = (await this.worker.request({ type: 'connect', baseUrl: this.baseUrl, pairs: this.pairs }, 'connected', 120_000)).ms;
  }

  /** `messages` per conversation; `counted` false for the warm-up. Resolves with the round's ms. */
  async round(round: number, messages: number, counted: boolean): Promise<number> {
    const r = await this.worker!.request({ type: 'round', round, messages }, 'round', 75_000);
    if (r.received !== r.expected || r.acked !== r.expected) {
      throw new Error(
        `${this.name}: round ${round}: ${r.received} of ${r.expected} messages received and ${r.acked} acked within the timeout`,
      );
    }
    const ms = r.lastAt - r.startedAt;
    if (!counted) return ms;
    this.received += r.received;
    this.roundsMs += ms;
    for (const l of r.latencies) this.latencies.push(l);
    for (const l of r.ackLatencies) this.ackLatencies.push(l);
    return ms;
  }

  /** Fails if anything arrived since the last round (a late duplicate or stray). */
  async verify(): Promise<void> {
    await this.worker!.request({ type: 'verify' }, 'verified', 10_000);
  }

  /** Flint only: mean ms of each of a send's storage calls, timed on the now idle server. */
  async steps(): Promise<number[]> {
    return (await this.server.request({ type: 'steps' }, 'steps', 60_000)).ms;
  }

  result(): ChatResult {
    const latencies = this.latencies.sort((a, b) => a - b);
    return {
      connectMs: this.connectMs,
      latencyP50: percentile(latencies, 50),
      latencyP99: percentile(latencies, 99),
      latencyMax: latencies.at(-1)!,
      ackP50: percentile(
        this.ackLatencies.sort((a, b) => a - b),
        50,
      ),
      messagesPerSecond: this.received / (this.roundsMs / 1000),
    };
  }

  async close(): Promise<void> {
    await this.worker?.close({ type: 'close' });
    await this.server.close({ type: 'close' });
  }
}
