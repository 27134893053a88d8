import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Ack } from '@flint/shared';
import { MAX_CHAT_BODY } from '@flint/shared/schemas';
import { authModule } from '../auth/auth.routes.ts';
import { type ClientSocket, collect, createTestApp, dbKinds, type TestApp, waitFor } from '../test-support/harness.ts';
import { createChatTestApp, createPair, newClientId, type Pair } from './chat.fixtures.ts';
import { chatModule } from './chat.handlers.ts';

for (const { kind, skip } of dbKinds()) {
  describe(`chat: send, order, idempotency, access (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createChatTestApp(kind);
    });
    after(() => t?.close());

    const send = (socket: ClientSocket, conversationId: string, body: string, clientId = newClientId()) =>
      t.emit(socket, 'chat:send', { conversationId, clientId, body });
    const history = (socket: ClientSocket, payload: Record<string, unknown>) => t.emit(socket, 'chat:history', payload);
    const data = <T>(ack: Ack<T>): T => {
      assert.ok(ack.ok, `expected ok, got ${JSON.stringify(ack)}`);
      return ack.data;
    };
    const allBodies = async (p: Pair) =>
      data(await history(p.a.socket, { conversationId: p.conversationId, limit: 100 })).messages.map((m) => m.body);

    it("a sent message is acked with its seq and reaches the other member and the sender's other tabs, not the sending tab", async () => {
      const p = await createPair(t);
      const secondTab = await t.connect(p.a.token);
      const atSender = collect(p.a.socket, 'chat:message');
      const atTab = waitFor(secondTab, 'chat:message');
      const atB = waitFor(p.b.socket, 'chat:message');
      const toast = waitFor(p.b.socket, 'notification');

      const sent = data(await send(p.a.socket, p.conversationId, '  hello ben  '));
      assert.equal(sent.seq, 1);
      assert.equal(sent.body, 'hello ben', 'surrounding whitespace is trimmed');
      assert.equal(sent.senderId, p.a.id);
      assert.deepEqual(await atB, sent);
      assert.deepEqual(await atTab, sent);
      const n = await toast;
      assert.equal(n.kind, 'message');
      assert.equal(n.href, `/chat/${p.conversationId}`);
      assert.equal(n.body, 'hello ben');
      assert.deepEqual(atSender, [], 'the sending tab has the message in its ack');
    });

    it('keeps order: seqs are consecutive in send order, both ways, and under concurrency without gaps', async () => {
      const p = await createPair(t);
      for (let i = 0; i < 6; i++) {
        const m = data(await send(i % 2 ? p.b.socket : p.a.socket, p.conversationId, `m${i}`));
        assert.equal(m.seq, i + 1);
      }
      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, i) => send(i % 2 ? p.b.socket : p.a.socket, p.conversationId, `c${i}`)),
      );
      const seqs = burst.map((ack) => data(ack).seq).sort((x, y) => x - y);
      assert.deepEqual(
        seqs,
        Array.from({ length: 20 }, (_, i) => i + 7),
      );
      const page = data(await history(p.b.socket, { conversationId: p.conversationId, limit: 100 }));
      assert.deepEqual(
        page.messages.slice(0, 6).map((m) => m.body),
        ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'],
      );
      assert.deepEqual(
        page.messages.map((m) => m.seq),
        Array.from({ length: 26 }, (_, i) => i + 1),
      );
    });

    it('is idempotent on clientId: a retry returns the same message, stores one and broadcasts nothing new', async () => {
      const p = await createPair(t);
      const atB = collect(p.b.socket, 'chat:message');
      const clientId = newClientId();
      const first = data(await send(p.a.socket, p.conversationId, 'once', clientId));
      const retry = data(await send(p.a.socket, p.conversationId, 'once', clientId));
      assert.deepEqual(retry, first);
      // Concurrent duplicates (a retry racing its original, two tabs flushing one outbox).
      const raceId = newClientId();
      const raced = await Promise.all(Array.from({ length: 5 }, () => send(p.a.socket, p.conversationId, 'race', raceId)));
      const ids = new Set(raced.map((ack) => data(ack).id));
      assert.equal(ids.size, 1);
      const marker = waitFor(p.b.socket, 'chat:message');
      const last = data(await send(p.a.socket, p.conversationId, 'marker'));
      await marker;
      assert.deepEqual(await allBodies(p), ['once', 'race', 'marker']);
      assert.equal(last.seq, 3, 'duplicates used up no seq');
      assert.deepEqual(
        atB.map((m) => m.body),
        ['once', 'race', 'marker'],
      );
    });

    it('refuses non-members (and unknown conversations) for every chat event; members receive nothing', async () => {
      const p = await createPair(t);
      data(await send(p.a.socket, p.conversationId, 'private'));
      const stranger = await t.createUser('c');
      const c = await t.connect(stranger.token);
      const atA = collect(p.a.socket, 'chat:message');
      const atB = (['chat:message', 'chat:typing', 'chat:read', 'chat:delivered'] as const).map((e) => collect(p.b.socket, e));
      const conversationId = p.conversationId;
      const attempts: Array<[string, unknown]> = [
        ['chat:send', { conversationId, clientId: newClientId(), body: 'let me in' }],
        ['chat:history', { conversationId }],
        ['chat:history', { conversationId, after: 0 }],
        ['chat:typing', { conversationId, typing: true }],
        ['chat:read', { conversationId, upTo: 1 }],
        ['chat:delivered', { conversationId, upTo: 1 }],
        ['chat:send', { conversationId: crypto.randomUUID(), clientId: newClientId(), body: 'nobody' }],
        ['chat:history', { conversationId: crypto.randomUUID() }],
      ];
      for (const [event, payload] of attempts) {
        const ack = await t.emit(c, event, payload);
        assert.equal(ack.ok, false, event);
        if (!ack.ok) assert.equal(ack.error.code, 'forbidden', event);
      }
      const marker = waitFor(p.b.socket, 'chat:message');
      data(await send(p.a.socket, p.conversationId, 'marker'));
      await marker;
      assert.deepEqual(await allBodies(p), ['private', 'marker']);
      assert.deepEqual(atA, []);
      assert.deepEqual(
        atB.map((seen) => seen.length),
        [1, 0, 0, 0],
      );
    });

    it('rejects empty, oversized and malformed messages with a clear error and changes nothing', async () => {
      const p = await createPair(t);
      const atB = collect(p.b.socket, 'chat:message');
      const cases: Array<[unknown, RegExp]> = [
        [{ conversationId: p.conversationId, clientId: newClientId(), body: '' }, /body: message is empty/],
        [{ conversationId: p.conversationId, clientId: newClientId(), body: ' \n\t ' }, /body: message is empty/],
        [{ conversationId: p.conversationId, clientId: newClientId(), body: 'x'.repeat(MAX_CHAT_BODY + 1) }, /body: message is too long/],
        [{ conversationId: p.conversationId, body: 'no client id' }, /clientId/],
        [{ conversationId: 'not-a-uuid', clientId: newClientId(), body: 'hi' }, /conversationId/],
        [{ conversationId: p.conversationId, clientId: newClientId(), body: 'hi', extra: true }, /extra/],
        ['just a string', /./],
      ];
      for (const [payload, message] of cases) {
        const ack = await t.emit(p.a.socket, 'chat:send', payload);
        assert.equal(ack.ok, false);
        if (!ack.ok) {
          assert.equal(ack.error.code, 'invalid-payload');
          assert.match(ack.error.message, message);
        }
      }
      const marker = waitFor(p.b.socket, 'chat:message');
      const exact = data(await send(p.a.socket, p.conversationId, 'y'.repeat(MAX_CHAT_BODY)));
      assert.equal(exact.seq, 1, 'the rejected attempts used up no seq');
      await marker;
      assert.equal(atB.length, 1, 'only the valid message was broadcast');
    });
  });
}

describe('chat: two server processes on one PostgreSQL', { skip: dbKinds().find((k) => k.kind === 'postgres')!.skip }, () => {
  let first: TestApp;
  let second: TestApp;
  before(async () => {
    first = await createChatTestApp('postgres');
    second = await createTestApp({
      dbKind: 'postgres',
      databaseUrl: first.config.databaseUrl,
      modules: [authModule, chatModule],
      env: { FLINT_RATE_LIMIT_PER_S: '10000' },
    });
  });
  after(async () => {
    await second?.close();
    await first?.close();
  });

  it('numbers concurrent sends from both nodes consecutively, without duplicates', async () => {
    const p = await createPair(first);
    const bOnSecond = await second.connect(p.b.token);
    const acks = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2
          ? second.emit(bOnSecond, 'chat:send', { conversationId: p.conversationId, clientId: newClientId(), body: `${i}` })
          : first.emit(p.a.socket, 'chat:send', { conversationId: p.conversationId, clientId: newClientId(), body: `${i}` }),
      ),
    );
    const seqs = acks.map((ack) => (ack.ok ? ack.data.seq : -1)).sort((x, y) => x - y);
    assert.deepEqual(
      seqs,
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
  });
});
