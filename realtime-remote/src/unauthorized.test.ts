import { ErrorCode } from '@flint/shared';
import { assert, freshUser, serverUrl, sleep, until } from '@flint/test-support';
import { $connection, configure, request } from './socket-store.ts';

describe('authorization', () => {
  let unsubscribe = () => {};
  after(() => unsubscribe());

  it('a rejected token gives status unauthorized and stops retrying until a new token comes', async () => {
    let token: string | null = 'not-a-valid-token';
    configure({ url: await serverUrl(), token: () => token });
    unsubscribe = $connection.listen(() => {});
    await until(() => $connection.value!.status === 'unauthorized', 'unauthorized');
    assert.strictEqual($connection.value!.lastError, ErrorCode.UNAUTHORIZED, 'lastError');

    await sleep(1_500); // longer than the first reconnect delay
    assert.strictEqual($connection.value!.status, 'unauthorized', 'still unauthorized (no retry)');
    assert.strictEqual($connection.value!.attempt, 0, 'no reconnect attempts');
    const ack = await request('presence:query', { userIds: [] });
    assert.strictEqual(!ack.ok && ack.error.code, ErrorCode.UNAUTHORIZED, 'a request is refused at once');

    const user = await freshUser('auth');
    token = user.token; // read by the getter at the next handshake
    configure({ url: await serverUrl(), token: () => token });
    await until(() => $connection.value!.status === 'connected', 'connected with the new token');
  });

  it('sends the token only in the handshake auth, never in a URL', async () => {
    const user = await freshUser('auth');
    configure({ url: await serverUrl(), token: user.token, mode: 'polling' });
    await until(() => $connection.value!.status === 'connected' && $connection.value!.mode === 'polling', 'connected');
    const urls = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((u) => u.includes('/socket.io/'));
    assert.ok(urls.length > 0, 'polling requests were observed');
    assert.ok(
      urls.every((u) => !u.includes(user.token)),
      'no URL carries the token',
    );
  });
});
