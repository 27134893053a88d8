/**
 * The storm bench's server child: bare socket.io (`STORM_TARGET=bare`, the baseline of bare-server.ts:
 * no auth, no database) or the real Flint server (flint-app.ts, embedded PGlite unless
 * STORM_DATABASE_URL names a PostgreSQL database). On `drop` it ends every transport the way a node
 * shutting down does (app.ts dropLocalSockets: "transport close", so clients reconnect by themselves);
 * `settled` answers once every client is back: that many sockets connected and authenticated, and for
 * Flint presence rows matching exactly the live sockets, with every old socket's row gone.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Server, type Socket } from 'socket.io';
import { nowMs } from './clock.ts';
import { startFlintApp } from './flint-app.ts';
import { serveRequests } from './ipc.ts';
import type { StormServerReply, StormServerRequest } from './storm-ipc.ts';

const SETTLE_TIMEOUT_MS = 120_000;
const POLL_MS = 50;

interface StormTarget {
  baseUrl: string;
  auths: Record<string, string>[];
  sockets(): Map<string, Socket>;
  /** Null when right; else what is still wrong. */
  wrong(clients: number): Promise<string | null>;
  close(): Promise<void>;
}

async function bare(clients: number): Promise<StormTarget> {
  const http = createServer();
  const io = new Server(http);
  io.on('connection', (socket) => {
    void socket.join(`user:${socket.handshake.auth.userId}`);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const sockets = () => io.of('/').sockets;
  return {
    baseUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    auths: Array.from({ length: clients }, (_, i) => ({ userId: `bare-${i}` })),
    sockets,
    wrong: async (n) => (sockets().size === n ? null : `${sockets().size} of ${n} sockets`),
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}

async function flint(clients: number): Promise<StormTarget> {
  const url = process.env.STORM_DATABASE_URL;
  const { app, baseUrl, auths, close } = await startFlintApp(clients, url ? { DATABASE_URL: url } : {});
  const sockets = () => app.io.of('/').sockets;
  return {
    baseUrl,
    auths,
    sockets,
    async wrong(n) {
      const live = sockets();
      if (live.size !== n) return `${live.size} of ${n} sockets`;
      for (const s of live.values()) if (!s.data.user) return `socket ${s.id} has no user`;
      const { rows } = await app.db.rawTransaction((tx) => tx.query('SELECT socket_id, user_id FROM presence_sockets'));
      if (rows.length !== n) return `${rows.length} presence rows for ${n} sockets`;
      for (const r of rows) {
        const s = live.get(String(r.socket_id));
        if (!s || s.data.user.id !== String(r.user_id)) return `presence row ${r.socket_id} is not a live socket of its user`;
      }
      return null;
    },
    close,
  };
}

let target: StormTarget | null = null;
const running = () => {
  if (!target) throw new Error('server not started');
  return target;
};

serveRequests<StormServerRequest, StormServerReply>(async (req) => {
  switch (req.type) {
    case 'start': {
      target = await (process.env.STORM_TARGET === 'bare' ? bare : flint)(req.clients);
      return { type: 'started', baseUrl: target.baseUrl, auths: target.auths };
    }
    case 'drop': {
      const sockets = [...running().sockets().values()];
      const droppedAt = nowMs();
      for (const socket of sockets) socket.conn.close();
      return { type: 'dropped', droppedAt, dropped: sockets.length };
    }
    case 'settled': {
      const deadline = nowMs() + SETTLE_TIMEOUT_MS;
      for (;;) {
        const wrong = await running().wrong(req.clients);
        if (!wrong) return { type: 'settled', at: nowMs(), sockets: running().sockets().size };
        if (nowMs() > deadline) throw new Error(`not settled after ${SETTLE_TIMEOUT_MS / 1000} s: ${wrong}`);
        await sleep(POLL_MS);
      }
    }
    case 'close':
      await target?.close();
      setImmediate(() => process.exit(0));
      return { type: 'closed' };
  }
});
