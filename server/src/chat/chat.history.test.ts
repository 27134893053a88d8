import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Ack, ChatHistoryPage } from '@flint/shared';
import { collect, dbKinds, type TestApp, waitFor } from '../test-support/harness.ts';
import { createChatTestApp, createPair, newClientId, type Pair } from './chat.fixtures.ts';
import { insertMessage, unreadCounts } from './chat.repository.ts';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

for (const { kind, skip } of dbKinds()) {
  describe(`chat: history, sync, receipts, typing (${kind})`, { skip }, () => {
    let t: TestApp;
    let p: Pair;
    const TOTAL = 120;
    before(async () => {
      t = await createChatTestApp(kind);
      p = await createPair(t);
      // Seeded through the repository: pagination is about reading, and this is 10x faster than sockets.
      for (let i = 1; i <= TOTAL; i++) {
        const senderId = i % 3 ? p.a.id : p.b.id;
        await insertMessage(t.app.db.orm, { conversationId: p.conversationId, senderId, clientId: newClientId(), body: `#${i}` });
      }
    });
    after(() => t?.close());

    const page = async (payload: Record<string, unknown>) => {
      const ack = (await t.emit(p.b.socket, 'chat:history', { conversationId: p.conversationId, ...payload })) as Ack<ChatHistoryPage>;
      assert.ok(ack.ok, JSON.stringify(ack));
      return { seqs: ack.data.messages.map((m) => m.seq), hasMore: ack.data.hasMore, receipts: ack.data.receipts };
    };

    it('pages backwards from the newest with exact boundaries', async () => {
      assert.deepEqual(await page({}), { seqs: range(71, 120), hasMore: true, receipts: { read: 0, delivered: 0 } });
      assert.deepEqual((await page({ before: 71 })).seqs, range(21, 70));
      assert.deepEqual(await page({ before: 21, limit: 20 }).then((r) => [r.seqs, r.hasMore]), [range(1, 20), false]);
      assert.deepEqual(await page({ before: 21 }).then((r) => [r.seqs, r.hasMore]), [range(1, 20), false]);
      assert.deepEqual(await page({ before: 1 }).then((r) => [r.seqs, r.hasMore]), [[], false]);
      assert.deepEqual(await page({ limit: 1 }).then((r) => [r.seqs, r.hasMore]), [[120], true]);
      assert.deepEqual((await page({ before: 500, limit: 100 })).seqs, range(21, 120));
    });

    it('syncs from a cursor: exactly the messages after it, oldest first, in pages', async () => {
      assert.deepEqual(await page({ after: 100 }).then((r) => [r.seqs, r.hasMore]), [range(101, 120), false]);
      assert.deepEqual(await page({ after: 0, limit: 100 }).then((r) => [r.seqs, r.hasMore]), [range(1, 100), true]);
      assert.deepEqual(await page({ after: 119, limit: 1 }).then((r) => [r.seqs, r.hasMore]), [[120], false]);
      assert.deepEqual(await page({ after: 120 }).then((r) => [r.seqs, r.hasMore]), [[], false]);
    });

    it('refuses ambiguous or out-of-range page requests', async () => {
      for (const payload of [{ before: 10, after: 2 }, { limit: 0 }, { limit: 101 }, { before: 0 }, { after: -1 }, { after: 1.5 }]) {
        const ack = await t.emit(p.b.socket, 'chat:history', { conversationId: p.conversationId, ...payload });
        assert.equal(ack.ok, false, JSON.stringify(payload));
        if (!ack.ok) assert.equal(ack.error.code, 'invalid-payload');
      }
    });

    it('relays delivered and read receipts to the sender, stores them forward-only and capped, and counts unread', async () => {
      const ids = [p.conversationId];
      const unreadForB = () => unreadCounts(t.app.db.orm, p.b.id, ids).then((m) => m.get(p.conversationId) ?? 0);
      const fromA = range(1, TOTAL).filter((i) => i % 3).length;
      assert.equal(await unreadForB(), fromA);

      const delivered = waitFor(p.a.socket, 'chat:delivered');
      const ack = await t.emit(p.b.socket, 'chat:delivered', { conversationId: p.conversationId, upTo: 110 });
      assert.deepEqual(ack, { ok: true, data: { read: 0, delivered: 110 } });
      assert.deepEqual(await delivered, { conversationId: p.conversationId, userId: p.b.id, upTo: 110 });

      const read = waitFor(p.a.socket, 'chat:read');
      assert.deepEqual(await t.emit(p.b.socket, 'chat:read', { conversationId: p.conversationId, upTo: 60 }), {
        ok: true,
        data: { read: 60, delivered: 110 },
      });
      assert.equal((await read).upTo, 60);
      assert.equal(await unreadForB(), range(61, TOTAL).filter((i) => i % 3).length);

      // Backwards moves change nothing and relay nothing; a pointer past the end is capped.
      const relayed = collect(p.a.socket, 'chat:read');
      assert.deepEqual(await t.emit(p.b.socket, 'chat:read', { conversationId: p.conversationId, upTo: 10 }), { ok: true, data: null });
      const capped = waitFor(p.a.socket, 'chat:read');
      assert.deepEqual(await t.emit(p.b.socket, 'chat:read', { conversationId: p.conversationId, upTo: 9999 }), {
        ok: true,
        data: { read: TOTAL, delivered: TOTAL },
      });
      assert.equal((await capped).upTo, TOTAL);
      assert.deepEqual(
        relayed.map((r) => r.upTo),
        [TOTAL],
      );
      assert.equal(await unreadForB(), 0);

      // The other member's pointers come with every history page (how a reopened view shows ticks).
      const forA = (await t.emit(p.a.socket, 'chat:history', { conversationId: p.conversationId, limit: 1 })) as Ack<ChatHistoryPage>;
      assert.ok(forA.ok);
      assert.deepEqual(forA.data.receipts, { read: TOTAL, delivered: TOTAL });
    });

    it('relays typing to the other member only, throttled while it lasts, and its end', async () => {
      const secondTabOfA = await t.connect(p.a.token);
      const atB = collect(p.b.socket, 'chat:typing');
      const atA = [collect(p.a.socket, 'chat:typing'), collect(secondTabOfA, 'chat:typing')];
      const typing = (value: boolean) => t.emit(p.a.socket, 'chat:typing', { conversationId: p.conversationId, typing: value });
      assert.deepEqual(await typing(true), { ok: true, data: { relayed: true } });
      assert.deepEqual(await typing(true), { ok: true, data: { relayed: false } });
      assert.deepEqual(await typing(false), { ok: true, data: { relayed: true } });
      // The relays left before the acks; a marker message on the same socket arrives after them.
      const marker = waitFor(p.b.socket, 'chat:message');
      await t.emit(p.a.socket, 'chat:send', { conversationId: p.conversationId, clientId: newClientId(), body: 'marker' });
      await marker;
      assert.deepEqual(atB, [
        { conversationId: p.conversationId, userId: p.a.id, typing: true },
        { conversationId: p.conversationId, userId: p.a.id, typing: false },
      ]);
      assert.deepEqual(
        atA.map((seen) => seen.length),
        [0, 0],
      );
    });
  });
}
