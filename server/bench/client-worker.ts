/**
 * The fan-out client worker: connects its share of the bench users (client-sockets.ts) and
 * timestamps every notification on arrival. It runs in its own process so the clients' CPU and
 * heap never mix with the server's.
 */
import type { Socket } from 'socket.io-client';
import { closeAll, connectAll, type SocketHooks } from './client-sockets.ts';
import { nowMs } from './clock.ts';
import { serveRequests, type WorkerReply, type WorkerRequest } from './ipc.ts';

/** How long a round may take before the worker reports what it has (the orchestrator then fails). */
const ROUND_TIMEOUT_MS = 15_000;

interface Round {
  latencies: number[];
  lastAt: number;
  complete: () => void;
}

const sockets: Socket[] = [];
const rounds = new Map<number, Round>();
let failure: string | null = null;

function roundOf(round: number): Round {
  let r = rounds.get(round);
  if (!r) {
    r = { latencies: [], lastAt: 0, complete: () => undefined };
    rounds.set(round, r);
  }
  return r;
}

const hooks: SocketHooks = {
  listen(socket) {
    let lastRound = 0;
    socket.on('notification', (n: { data: { round: number; sentAt: number } }) => {
      const at = nowMs();
      const { round, sentAt } = n.data;
      if (round <= lastRound) failure ??= `a client received round ${round} after round ${lastRound} (duplicate or out of order)`;
      lastRound = round;
      const r = roundOf(round);
      r.latencies.push(at - sentAt);
      r.lastAt = Math.max(r.lastAt, at);
      if (r.latencies.length === sockets.length) r.complete();
    });
  },
  onDisconnect: (reason) => (failure ??= `a client was disconnected during the run: ${reason}`),
};

function collect(round: number): Promise<WorkerReply> {
  const r = roundOf(round);
  return new Promise((resolve) => {
    const reply = () => {
      clearTimeout(timer);
      rounds.delete(round);
      resolve({ type: 'round', round, received: r.latencies.length, latencies: r.latencies, lastAt: r.lastAt });
    };
    const timer = setTimeout(reply, ROUND_TIMEOUT_MS);
    r.complete = reply;
    if (r.latencies.length === sockets.length) reply();
  });
}

serveRequests<WorkerRequest, WorkerReply>(async (req) => {
  if (failure) throw new Error(failure);
  switch (req.type) {
    case 'connect': {
      const started = nowMs();
      sockets.push(...(await connectAll(req.baseUrl, req.auths, hooks)));
      return { type: 'connected', ms: nowMs() - started };
    }
    case 'collect': {
      const reply = await collect(req.round);
      if (failure) throw new Error(failure);
      return reply;
    }
    case 'close':
      closeAll(sockets);
      setImmediate(() => process.exit(0));
      return { type: 'closed' };
  }
});
