import { assert, setStorageQuota } from '@flint/test-support';
import { LocalChat } from './local-chat.ts';
import { range } from './test-messages.ts';

/**
 * Its own file (so its own page and storage): Chromium applies a quota override only to storage
 * opened after it, so nothing may open IndexedDB here before the cap is set.
 */
const DB = 'flint-chat-quota-test';

describe('local chat store under storage pressure', () => {
  it('on a real QuotaExceededError, evicts old messages and still stores the new ones', async () => {
    const ava = new LocalChat('ava', DB);
    // Random text: IndexedDB compresses its values, so repeated characters would hardly use any room.
    const big = (seq: number) => `${seq} ${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(15_000))))}`;
    // Fill well past a small quota, a batch at a time: every batch must still be stored.
    await setStorageQuota(3_000_000);
    try {
      for (let batch = 0; batch < 12; batch++) {
        const from = batch * 40 + 1;
        const cursor = await ava.storeMessages(`q${batch % 3}`, range(`q${batch % 3}`, from, from + 39, big));
        assert.ok(cursor !== undefined, `batch ${batch} stored`);
      }
      const newest = await ava.open('q2', 1000);
      assert.strictEqual(newest.messages.at(-1)?.seq, 480, 'the newest batch is on the device');
      const total = (await Promise.all(['q0', 'q1', 'q2'].map((c) => ava.open(c, 1000)))).reduce((n, c) => n + c.messages.length, 0);
      assert.ok(total < 12 * 40, `older messages were evicted to make room (${total} of ${12 * 40} kept)`);
    } finally {
      await setStorageQuota();
    }
  });
});
