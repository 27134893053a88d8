import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConversationSummary } from '@flint/shared';
import { createTestApp, dbKinds, type TestApp } from '../test-support/harness.ts';
import { newClientId } from './chat.fixtures.ts';

for (const { kind, skip } of dbKinds()) {
  describe(`chat: conversation summaries in GET /api/conversations (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ dbKind: kind });
    });
    after(() => t?.close());

    it('reports the last message and what the user has not read yet', async () => {
      const [ava, ben] = [await t.login('ava'), await t.login('ben')];
      const summary = async (token: string) =>
        ((await t.api('GET', '/api/conversations', { token })).body as ConversationSummary[]).find((c) =>
          [ava.user.id, ben.user.id].includes(c.other.id),
        )!;
      const conversationId = (await summary(ava.token)).id;
      const [a, b] = [await t.connect(ava.token), await t.connect(ben.token)];
      for (const body of ['hi', 'are you there?']) {
        await t.emit(a, 'chat:send', { conversationId, clientId: newClientId(), body });
      }
      const ack = await t.emit(b, 'chat:send', { conversationId, clientId: newClientId(), body: 'yes!' });
      assert.ok(ack.ok);

      const forBen = await summary(ben.token);
      assert.equal(forBen.lastMessage?.body, 'yes!');
      assert.equal(forBen.unread, 2, "ava's two messages; ben's own never count");
      assert.equal((await summary(ava.token)).unread, 1);

      await t.emit(b, 'chat:read', { conversationId, upTo: 1 });
      assert.equal((await summary(ben.token)).unread, 1);
      await t.emit(b, 'chat:read', { conversationId, upTo: ack.data.seq });
      assert.equal((await summary(ben.token)).unread, 0);
    });
  });
}
