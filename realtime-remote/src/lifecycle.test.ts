import { assert, freshUser, serverSockets, serverUrl, sleep, type TestUser, until } from '@flint/test-support';
import { StoreController } from '@nanostores/lit';
import { html, LitElement } from 'lit';
import { Manager } from 'socket.io-client';
import { $connection, configure, subscribe } from './socket-store.ts';

const managers = new Set<Manager>();
const originalOpen = Manager.prototype.open;
Manager.prototype.open = function (this: Manager, ...args: Parameters<Manager['open']>) {
  managers.add(this);
  return originalOpen.apply(this, args);
};

/** What a host or call-remote component does: render from `$connection`. */
class ConnectionBadge extends LitElement {
  readonly connection = new StoreController(this, $connection);
  override render() {
    return html`${this.connection.value.status}`;
  }
}
if (!customElements.get('test-connection-badge')) customElements.define('test-connection-badge', ConnectionBadge);

/** nanostores unmount delay (1 s) + the store's own linger (1 s) + margin. */
const CLOSE_WAIT_MS = 3_500;

// Tests read `$connection.value`: `.get()` would mount the store, and mounting it opens the socket.
describe('socket lifecycle', () => {
  let user: TestUser;
  before(async () => {
    user = await freshUser('lifecycle');
    configure({ url: await serverUrl(), token: user.token });
  });

  it('100 mount/unmount cycles of a subscribed element open exactly one socket, closed once unused', async () => {
    assert.strictEqual($connection.value!.status, 'idle', 'nothing connects before anyone needs the socket');
    for (let i = 0; i < 100; i++) {
      const el = document.createElement('test-connection-badge') as ConnectionBadge;
      document.body.append(el);
      await el.updateComplete;
      el.remove();
    }
    const last = document.body.appendChild(document.createElement('test-connection-badge')) as ConnectionBadge;
    await until(() => last.shadowRoot?.textContent === 'connected', 'the element to render "connected"');

    const seen = await serverSockets(user.id);
    assert.strictEqual(seen.connections, 1, 'connections the server accepted');
    assert.strictEqual(seen.live.length, 1, 'live sockets');
    assert.strictEqual(managers.size, 1, 'Managers created in this page');

    last.remove();
    await until(async () => (await serverSockets(user.id)).live.length === 0, 'the socket to close', CLOSE_WAIT_MS + 2_000);
    assert.strictEqual($connection.value!.status, 'idle', 'status after the last user left');
  });

  it('stays open while another user (a subscription) still holds it', async () => {
    const el = document.body.appendChild(document.createElement('test-connection-badge')) as ConnectionBadge;
    await until(() => $connection.value!.status === 'connected', 'connected');
    const socketId = $connection.value!.socketId;
    const unsubscribe = subscribe('notification', () => {});

    el.remove();
    await sleep(CLOSE_WAIT_MS);
    assert.strictEqual($connection.value!.socketId, socketId, 'same socket after the element left');
    assert.strictEqual((await serverSockets(user.id)).live.length, 1, 'live sockets');

    unsubscribe();
    await until(async () => (await serverSockets(user.id)).live.length === 0, 'the socket to close', CLOSE_WAIT_MS + 2_000);
    assert.ok(managers.size === 1, 'the same Manager reconnected and closed again');
  });
});
