import { ErrorCode } from '@flint/shared';
import { assert, dropConnections, freshUser, kickConnections, serverSockets, serverUrl, type TestUser, until } from '@flint/test-support';
import type { ConnectionState } from './connection-state.ts';
import { $connection, configure, request, subscribe } from './socket-store.ts';

/** A port nothing listens on (TCP "discard"; connections are refused on this machine). */
const DEAD_URL = 'http://127.0.0.1:9';

describe('reconnecting', () => {
  let user: TestUser;
  let states: ConnectionState[] = [];
  let unsubscribe = () => {};
  before(async () => {
    user = await freshUser('reconnect');
    // Holding the store mounted is what keeps the socket wanted, as the host's shell does.
    unsubscribe = $connection.listen((state) => void states.push(state));
  });
  after(() => unsubscribe());
  beforeEach(() => {
    states = [];
  });

  it('keeps retrying an unreachable server (attempt counts up) and a request times out', async () => {
    configure({ url: DEAD_URL, token: user.token });
    await until(() => $connection.value!.attempt >= 2, 'a second reconnect attempt');
    assert.strictEqual($connection.value!.status, 'reconnecting', 'status');
    assert.ok($connection.value!.lastError, 'the last error is reported');
    const attempts = states.map((s) => s.attempt).filter((a) => a > 0);
    assert.strictEqual(attempts[0], 1, 'attempts start at 1');

    const started = Date.now();
    const ack = await request('presence:query', { userIds: [] }, { timeoutMs: 300 });
    assert.strictEqual(ack.ok, false, 'ok');
    if (!ack.ok) assert.strictEqual(ack.error.code, ErrorCode.TIMEOUT, 'code');
    assert.ok(Date.now() - started < 2_000, 'the timeout was honoured');
  });

  it('connects once configure() points at a reachable server', async () => {
    configure({ url: await serverUrl(), token: user.token });
    await until(() => $connection.value!.status === 'connected', 'connected');
    assert.strictEqual($connection.value!.attempt, 0, 'attempt resets');
    assert.strictEqual($connection.value!.lastError, undefined, 'lastError clears');
  });

  it('after a network drop, reconnects by itself and delivers a request made meanwhile', async () => {
    const before = $connection.value!.socketId;
    const events: string[] = [];
    const stop = subscribe('presence', () => events.push('presence'));
    await dropConnections(user.id);
    await until(() => $connection.value!.status === 'reconnecting', 'reconnecting');
    const ack = await request('presence:query', { userIds: [user.id] });
    assert.ok(ack.ok, `request made while reconnecting: ${JSON.stringify(ack)}`);
    assert.strictEqual($connection.value!.status, 'connected', 'status');
    assert.ok($connection.value!.socketId && $connection.value!.socketId !== before, 'a new socket id');
    assert.ok(
      states.some((s) => s.status === 'reconnecting' && s.attempt >= 1),
      'an attempt was reported',
    );
    stop();
  });

  it('after the server disconnects it on purpose ("io server disconnect"), reconnects by itself', async () => {
    const before = $connection.value!.socketId;
    states = [];
    await kickConnections(user.id);
    await until(() => states.some((s) => s.lastError === 'io server disconnect'), 'the server disconnect to be seen');
    // Nothing asks for the socket meanwhile (a request would open it): the store reconnects by itself.
    await until(() => $connection.value!.status === 'connected', 'connected again without any request');
    assert.ok($connection.value!.socketId && $connection.value!.socketId !== before, 'a new socket id');
    const ack = await request('presence:query', { userIds: [user.id] });
    assert.ok(ack.ok, `request on the new socket: ${JSON.stringify(ack)}`);
    assert.ok(
      states.some((s) => s.status === 'reconnecting' && s.attempt >= 1),
      'the retry was reported as a reconnect attempt',
    );
    assert.strictEqual((await serverSockets(user.id)).live.length, 1, 'exactly one socket on the server');
  });

  it('drops the transport at once when the browser goes offline, then reconnects by itself', async () => {
    // engine.io-client handles 'offline' itself except for the host name "localhost", which is
    // what development and the e2e suite use: connect through that name to cover our handling.
    const url = new URL(await serverUrl());
    url.hostname = 'localhost';
    configure({ url: url.origin, token: user.token });
    await until(() => $connection.value!.status === 'connected', 'connected');
    states = [];
    window.dispatchEvent(new Event('offline'));
    await until(() => states.some((s) => s.status === 'reconnecting'), 'reconnecting right after the offline event', 1_000);
    await until(() => $connection.value!.status === 'connected', 'connected again');
  });
});
