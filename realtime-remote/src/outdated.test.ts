import { ErrorCode } from '@flint/shared';
import { assert, freshUser, newerServerUrl, serverUrl, sleep, until } from '@flint/test-support';
import { $connection, configure, request } from './socket-store.ts';

describe('protocol version', () => {
  let unsubscribe = () => {};
  after(() => unsubscribe());

  it('a server that no longer speaks this page protocol makes the store outdated, with no retry', async () => {
    const user = await freshUser('outdated');
    configure({ url: await newerServerUrl(), token: user.token });
    unsubscribe = $connection.listen(() => {});
    await until(() => $connection.value!.status === 'outdated', 'outdated');
    assert.strictEqual($connection.value!.lastError, ErrorCode.OUTDATED, 'lastError');

    await sleep(1_500); // longer than the first reconnect delay
    assert.strictEqual($connection.value!.status, 'outdated', 'still outdated (no retry)');
    assert.strictEqual($connection.value!.attempt, 0, 'no reconnect attempts');
    const ack = await request('presence:query', { userIds: [] });
    assert.strictEqual(!ack.ok && ack.error.code, ErrorCode.OUTDATED, 'a request is refused at once');

    // A new token cannot fix it; only a page speaking the server's protocol can.
    configure({ url: await newerServerUrl(), token: (await freshUser('outdated')).token });
    await sleep(500);
    assert.strictEqual($connection.value!.status, 'outdated', 'a new token changes nothing');

    // The current server speaks this build's protocol: the same store connects there.
    configure({ url: await serverUrl(), token: user.token });
    await until(() => $connection.value!.status === 'connected', 'connected to a server of this version');
  });
});
