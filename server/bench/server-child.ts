/**
 * What a server child (bare or Flint) runs: it starts its server on request, then answers memory
 * samples and fan-out rounds over IPC. The clients live in other processes, so the heap measured
 * here is the server's alone.
 */

import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FlintNotification } from '@flint/shared';
import { nowMs } from './clock.ts';
import { type ServerReply, type ServerRequest, serveRequests } from './ipc.ts';

export interface BenchTarget {
  baseUrl: string;
  /** Handshake `auth`, one per bench user. */
  auths: Record<string, string>[];
  connectedSockets(): number;
  /** Sends one notification to every user's room; synchronous, like a broadcast loop in a handler. */
  fanout(notification: BenchNotification): void;
  close(): Promise<void>;
}

export type BenchNotification = Omit<FlintNotification, 'id' | 'createdAt'> & { data: { round: number; sentAt: number } };

/** The same payload for both servers, so the wire bytes per message are equal. */
export const benchNotification = (round: number, sentAt: number): BenchNotification => ({
  kind: 'system',
  title: 'Flint fan-out benchmark',
  body: `Round ${round}`,
  data: { round, sentAt },
});

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Waits until the event loop has been (nearly) idle for a tenth of a second: work a connection
 * started (Flint's presence hook writes to the database after the handshake) is then done, so the
 * heap holds connections, not their pending promises. Gives up after 10 s and samples anyway.
 */
async function settle() {
  for (let i = 0; i < 100; i++) {
    const start = performance.eventLoopUtilization();
    await sleep(100);
    if (performance.eventLoopUtilization(start).utilization < 0.02) return;
  }
}

async function sampleMemory() {
  if (!gc) throw new Error('server child needs --expose-gc for heap figures');
  await settle();
  // Two passes with a turn of the event loop between: weak refs and finalizers freed by the first
  // are collected by the second, so the figure is live data, not garbage.
  gc();
  await new Promise((r) => setImmediate(r));
  gc();
  return process.memoryUsage().heapUsed;
}

export function serveTarget(start: (clients: number) => Promise<BenchTarget>): void {
  let target: BenchTarget | null = null;
  const running = () => {
    if (!target) throw new Error('server not started');
    return target;
  };
  serveRequests<ServerRequest, ServerReply>(async (req) => {
    switch (req.type) {
      case 'start': {
        target = await start(req.clients);
        return { type: 'started', baseUrl: target.baseUrl, auths: target.auths };
      }
      case 'memory':
        return { type: 'memory', heapUsed: await sampleMemory(), sockets: running().connectedSockets() };
      case 'fanout': {
        const sentAt = nowMs();
        running().fanout(benchNotification(req.round, sentAt));
        return { type: 'fanned', round: req.round, sentAt, emitMs: nowMs() - sentAt };
      }
      case 'close':
        await target?.close();
        setImmediate(() => process.exit(0));
        return { type: 'closed' };
    }
  });
}
