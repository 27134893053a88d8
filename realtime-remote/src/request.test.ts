import { ErrorCode } from '@flint/shared';
import { assert, freshUser, type TestUser } from '@flint/test-support';
import { $connection, configure, request } from './socket-store.ts';

describe('request()', () => {
  let user: TestUser;
  before(async () => {
    user = await freshUser('request');
  });

  it('answers unauthorized at once, without a socket, before configure()', async () => {
    const ack = await request('presence:query', { userIds: [] });
    assert.strictEqual(ack.ok, false, 'ok');
    if (!ack.ok) assert.strictEqual(ack.error.code, ErrorCode.UNAUTHORIZED, 'code');
    assert.strictEqual($connection.value!.status, 'idle', 'status');
  });

  it('opens the socket lazily and resolves the server ack (page origin by default)', async () => {
    // No url: the page's own origin, where /socket.io is served (here proxied to the real server).
    configure({ token: user.token });
    const ack = await request('presence:query', { userIds: [user.id] });
    assert.deepEqual(ack, { ok: true, data: { [user.id]: false } }, 'ack');
    assert.strictEqual($connection.value!.status, 'connected', 'status');
  });

  it('resolves a server error ack as a result, not a throw', async () => {
    const ack = await request('presence:query', { userIds: ['not-a-uuid'] });
    assert.strictEqual(ack.ok, false, 'ok');
    if (!ack.ok) {
      assert.strictEqual(ack.error.code, ErrorCode.INVALID_PAYLOAD, 'code');
      assert.ok(ack.error.message.length > 0, 'a message');
    }
  });
});
