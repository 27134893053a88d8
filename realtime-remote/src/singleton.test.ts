import { assert, freshUser, serverSockets, serverUrl, until } from '@flint/test-support';
import { Manager } from 'socket.io-client';
import { INSTANCE_KEY } from './singleton.ts';

// Counts the Manager objects that ever opened a connection in this page (the client-side view of
// "how many sockets"); must be installed before the store creates its Manager.
const managers = new Set<Manager>();
const originalOpen = Manager.prototype.open;
Manager.prototype.open = function (this: Manager, ...args: Parameters<Manager['open']>) {
  managers.add(this);
  return originalOpen.apply(this, args);
};

type Store = typeof import('./socket-store.ts');

describe('socket-store singleton', () => {
  it('a second evaluated copy of the module reuses the first copy socket and stores', async () => {
    const first: Store = await import('./socket-store.ts');
    // A different URL is a different module record: this copy's top level runs again.
    const second: Store = await import('./socket-store.ts?copy=2' as string);
    assert.ok(first !== second, 'the test really evaluated two copies');
    assert.strictEqual(second.$connection, first.$connection, '$connection');
    assert.strictEqual(second.$presence, first.$presence, '$presence');
    assert.strictEqual(second.$notifications, first.$notifications, '$notifications');
    assert.strictEqual(second.request, first.request, 'request');
    assert.ok((globalThis as Record<symbol, unknown>)[INSTANCE_KEY], 'instance kept on globalThis');

    const user = await freshUser('singleton');
    first.configure({ url: await serverUrl(), token: user.token });
    first.connect();
    second.connect();
    const unsubscribe = second.subscribe('notification', () => {});
    const ack = await second.request('presence:query', { userIds: [user.id] });
    assert.ok(ack.ok, `request through the second copy: ${JSON.stringify(ack)}`);
    await until(() => first.$connection.value!.status === 'connected', 'connected');

    const seen = await serverSockets(user.id);
    assert.strictEqual(seen.connections, 1, 'connections the server accepted');
    assert.strictEqual(seen.live.length, 1, 'live sockets');
    assert.strictEqual(seen.live[0]!.id, first.$connection.value!.socketId, 'the server socket is the store socket');
    assert.strictEqual(managers.size, 1, 'Managers created in this page');

    unsubscribe();
    first.disconnect();
  });
});
