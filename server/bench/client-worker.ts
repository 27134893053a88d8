/**
 * A client worker: connects its share of the bench users as real socket.io-client sockets
 * (websocket transport, token or user id in the handshake auth) and timestamps every notification
 * on arrival. It runs in its own process so the clients' CPU and heap never mix with the server's.
 */
import { io, type Socket } from 'socket.io-client';
import { nowMs } from './clock.ts';
import { serveRequests, type WorkerReply, type WorkerRequest } from './ipc.ts';

/** Sockets opening at once: enough to keep the server busy, few enough not to time out handshakes. */
const CONNECT_CONCURRENCY = 50;
const CONNECT_TIMEOUT_MS = 20_000;
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
  if (!r) rounds.set(round, (r = { latencies: [], lastAt: 0, complete: () => undefined }));
  return r;
}

function connectOne(baseUrl: string, auth: Record<string, string>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(baseUrl, { transports: ['websocket'], auth, reconnection: false, forceNew: true, timeout: CONNECT_TIMEOUT_MS });
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
    socket.once('connect', () => {
      socket.on('disconnect', (reason) => (failure ??= `a client was disconnected during the run: ${reason}`));
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      socket.close();
      reject(new Error(`connect failed: ${err.message}`));
    });
  });
}

async function connectAll(baseUrl: string, auths: Record<string, string>[]): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < auths.length) sockets.push(await connectOne(baseUrl, auths[next++]!));
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, auths.length) }, lane));
}

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
      await connectAll(req.baseUrl, req.auths);
      return { type: 'connected', ms: nowMs() - started };
    }
    case 'collect': {
      const reply = await collect(req.round);
      if (failure) throw new Error(failure);
      return reply;
    }
    case 'close':
      for (const s of sockets) {
        s.off('disconnect');
        s.close();
      }
      setImmediate(() => process.exit(0));
      return { type: 'closed' };
  }
});
