/**
 * A client that vanishes without closing its connection (a phone that loses its network, a laptop
 * lid shut) keeps its TCP connection half-open; only the Socket.IO heartbeat notices. Its queue
 * ticket must go within FLINT_PING_INTERVAL_S + FLINT_PING_TIMEOUT_S, not the 45 s of Socket.IO's
 * defaults. The client reaches the server through a TCP relay that the test turns into a black hole:
 * nothing more passes in either direction and no close ever reaches the server.
 */
import assert from 'node:assert/strict';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { PROTOCOL_VERSION } from '@flint/shared';
import { io as connectClient } from 'socket.io-client';
import { ok } from '../calls/calls.fixtures.ts';
import { loadConfig } from '../config.ts';
import type { FlintSocket } from '../realtime/types.ts';
import { EVENT_TIMEOUT_MS, sleep } from '../test-support/harness.ts';
import { createQueueTestApp, eventually, type QueueTestApp, ticketsOf } from './queue.fixtures.ts';

/** Forwards TCP to `port` until `blackHole()`: from then on bytes are swallowed and nothing is closed. */
async function relay(port: number): Promise<{ url: string; blackHole(): void; close(): void }> {
  const pairs: Array<[Socket, Socket]> = [];
  const server: Server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    client.pipe(upstream);
    upstream.pipe(client);
    pairs.push([client, upstream]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: relayPort } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${relayPort}`,
    blackHole() {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        upstream.on('data', () => undefined); // the server's pings go nowhere
        client.on('data', () => undefined); // and so do the client's packets
        client.on('end', () => undefined);
      }
    },
    close() {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      server.close();
    },
  };
}

describe('a vanished client', () => {
  let t: QueueTestApp;
  before(async () => {
    t = await createQueueTestApp('pglite', { env: { FLINT_PING_INTERVAL_S: '0.5', FLINT_PING_TIMEOUT_S: '0.5' } });
  });
  after(() => t?.close());

  it('by default is dropped within 15 s (heartbeat interval + timeout)', () => {
    const { ping } = loadConfig({});
    assert.ok(ping.intervalMs + ping.timeoutMs <= 15_000, `default heartbeat ${JSON.stringify(ping)}`);
  });

  it('loses its queue ticket once the heartbeat times out, though its connection never closed', async () => {
    const user = await t.createUser('vanish');
    const link = await relay(Number(new URL(t.url).port));
    const socket = connectClient(link.url, {
      auth: { token: user.token, protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const onServer = t.app.io.of('/').sockets.get(socket.id!) as FlintSocket;
      const reason = new Promise<string>((resolve) => onServer.once('disconnect', (r) => resolve(r)));
      const joined = await ok(t, socket, 'queue:join', {});
      assert.equal(joined.status, 'waiting');
      assert.deepEqual(await ticketsOf(t, user.id), [['waiting', null]]);

      link.blackHole();
      // Far less than Socket.IO's default 45 s, far more than the 1 s configured here.
      const noticed = await Promise.race([reason, sleep(EVENT_TIMEOUT_MS).then(() => 'not noticed in time')]);
      assert.equal(noticed, 'ping timeout', 'the server noticed through the heartbeat, not a close');
      await eventually(async () => (await ticketsOf(t, user.id)).every(([status]) => status !== 'waiting'));
    } finally {
      socket.close();
      link.close();
    }
  });
});
