import { assert, matchedPair, serverUrl, until } from '@flint/test-support';
import { io } from 'socket.io-client';
import { $presence, configure, watchPresence } from './socket-store.ts';

describe('$presence', () => {
  it('follows presence events about a match, after a presence:query seeded it', async () => {
    const { a, b } = await matchedPair('presence');
    const url = await serverUrl();
    configure({ url, token: a.token });
    const unsubscribe = $presence.listen(() => {});

    const ack = await watchPresence([b.id]);
    assert.deepEqual(ack, { ok: true, data: { [b.id]: false } }, 'query ack');
    assert.ok($presence.value![b.id] === false, 'offline from the query');

    // b signs in on another device: a real second client, not this tab's store.
    const other = io(url, { auth: { token: b.token }, transports: ['websocket'], forceNew: true });
    await until(() => $presence.value![b.id] === true, 'b online from a presence event');
    other.disconnect();
    await until(() => $presence.value![b.id] === false, 'b offline from a presence event');
    unsubscribe();
  });
});
