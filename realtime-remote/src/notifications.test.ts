import type { FlintNotification } from '@flint/shared';
import { api, assert, freshUser, serverUrl, until } from '@flint/test-support';
import { $notifications, configure, dismissNotification, MAX_NOTIFICATIONS } from './socket-store.ts';

describe('$notifications', () => {
  let unsubscribe = () => {};
  after(() => unsubscribe());

  it('collects notification events newest first, caps the list, and dismisses by id', async () => {
    const me = await freshUser('notify');
    configure({ url: await serverUrl(), token: me.token });
    let list: readonly FlintNotification[] = [];
    // Mounting the store is what opens the socket that delivers notifications.
    unsubscribe = $notifications.subscribe((value) => (list = value));

    // Each new match notifies both people; make more matches than the list keeps.
    const total = MAX_NOTIFICATIONS + 2;
    const admirers: string[] = [];
    for (let i = 0; i < total; i++) {
      const other = await freshUser('admirer');
      await api('POST', '/api/swipes', { token: other.token, body: { targetId: me.id, like: true } });
      const res = await api<{ matched: boolean }>('POST', '/api/swipes', { token: me.token, body: { targetId: other.id, like: true } });
      assert.ok(res.body.matched, `match ${i}: ${JSON.stringify(res)}`);
      admirers.push(other.id);
    }
    const about = (n: FlintNotification | undefined) => n?.data?.userId;
    await until(() => about(list[0]) === admirers.at(-1), 'the newest match notification first', 10_000);
    assert.strictEqual(list.length, MAX_NOTIFICATIONS, 'capped');
    assert.strictEqual(list[0]!.kind, 'match', 'kind');
    assert.strictEqual(about(list.at(-1)), admirers[total - MAX_NOTIFICATIONS], 'the oldest ones fell off');

    const newest = list[0]!.id;
    dismissNotification(newest);
    assert.ok(!list.some((n) => n.id === newest), 'dismissed');
    assert.strictEqual(list.length, MAX_NOTIFICATIONS - 1, 'one fewer');
  });
});
