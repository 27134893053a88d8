import { api, assert, freshUser, login, serverSockets, serverUrl, type TestUser, until } from '@flint/test-support';
import { $connection, configure, request, setConnectionMode } from './socket-store.ts';

const query = (user: TestUser) => request('presence:query', { userIds: [user.id] });
const connectedOn = (transport: string) => () => $connection.value!.status === 'connected' && $connection.value!.transport === transport;

describe('connection mode', () => {
  let user: TestUser;
  let unsubscribe = () => {};
  before(async () => {
    user = await freshUser('mode');
    configure({ url: await serverUrl(), token: user.token });
    unsubscribe = $connection.listen(() => {});
    await until(connectedOn('websocket'), 'connected and upgraded to websocket (auto)');
  });
  after(() => unsubscribe());

  it('switching to polling and back keeps requests in flight and requests made during the switch', async () => {
    for (const [mode, transport] of [
      ['polling', 'polling'],
      ['websocket', 'websocket'],
    ] as const) {
      const socketBefore = $connection.value!.socketId;
      const inFlight = query(user); // emitted now, on the old transport
      setConnectionMode(mode);
      const duringSwitch = [query(user), query(user), query(user)];
      const acks = await Promise.all([inFlight, ...duringSwitch]);
      for (const [i, ack] of acks.entries()) assert.ok(ack.ok, `${mode}: request ${i} ${JSON.stringify(ack)}`);
      await until(connectedOn(transport), `connected on ${transport}`);
      assert.strictEqual($connection.value!.mode, mode, 'mode');
      assert.ok($connection.value!.socketId !== socketBefore, 'reconnected with a new socket');
      const live = (await serverSockets(user.id)).live;
      assert.strictEqual(live.length, 1, 'one live socket');
      assert.strictEqual(live[0]!.transport, transport, 'the server sees the new transport');
    }
  });

  it('applies a mode the admin sets on the server (connection:mode broadcast)', async () => {
    const admin = await login('admin');
    const setMode = (mode: string) => api('PUT', '/api/admin/connection-mode', { token: admin.token, body: { mode } });
    try {
      const pending = [query(user)];
      const res = await setMode('polling');
      assert.strictEqual(res.status, 200, `PUT connection-mode: ${JSON.stringify(res)}`);
      await until(() => $connection.value!.mode === 'polling', 'the pushed mode');
      pending.push(query(user));
      await until(connectedOn('polling'), 'connected on polling');
      for (const ack of await Promise.all(pending)) assert.ok(ack.ok, JSON.stringify(ack));
    } finally {
      await setMode('auto');
    }
    await until(() => $connection.value!.mode === 'auto', 'back to auto');
    await until(connectedOn('websocket'), 'upgraded again');
  });
});
