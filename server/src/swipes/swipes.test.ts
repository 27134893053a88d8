import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { ConversationSummary, Match, PublicUser, SwipeResult } from '@flint/shared';
import { sql } from 'drizzle-orm';
import { blocks } from '../db/schema.ts';
import { collect, createTestApp, dbKinds, type RestError, sleep, type TestApp, waitFor } from '../test-support/harness.ts';

for (const { kind, skip } of dbKinds()) {
  describe(`swipes, matches and deck (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ dbKind: kind });
    });
    afterEach(() => t.disconnectAll());
    after(() => t?.close());

    const count = async (table: 'swipes' | 'matches' | 'conversations', userId: string) => {
      const column = table === 'swipes' ? 'swiper_id' : table === 'matches' ? 'user_a' : 'match_id';
      const where =
        table === 'conversations'
          ? sql.raw(`match_id IN (SELECT id FROM matches WHERE user_a = '${userId}' OR user_b = '${userId}')`)
          : table === 'matches'
            ? sql.raw(`user_a = '${userId}' OR user_b = '${userId}'`)
            : sql.raw(`${column} = '${userId}'`);
      const { rows } = await t.app.db.orm.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${where}`);
      return rows[0]!.n;
    };
    const swipe = (token: string, targetId: string, like: boolean) =>
      t.api<SwipeResult>('POST', '/api/swipes', { token, body: { targetId, like } });

    it('the deck shows other users only: not me, not admins, not swiped, not blocked', async () => {
      const me = await t.createUser('deck');
      const liked = await t.createUser('liked');
      const blocker = await t.createUser('blocker');
      await t.app.db.orm.insert(blocks).values({ blockerId: blocker.id, blockedId: me.id });
      await swipe(me.token, liked.id, true);
      const deck = (await t.api<PublicUser[]>('GET', '/api/deck', { token: me.token })).body;
      const names = deck.map((u) => u.username);
      assert.ok(names.includes('ava') && names.includes('dan'));
      for (const hidden of [me.username, liked.username, blocker.username, 'admin']) {
        assert.ok(!names.includes(hidden), `${hidden} must not be in the deck`);
      }
    });

    it('a one-sided like is no match; the mutual like matches and notifies both users on every tab', async () => {
      const a = await t.createUser('a');
      const b = await t.createUser('b');
      const aTab1 = await t.connect(a.token);
      const aTab2 = await t.connect(a.token);
      const bTab = await t.connect(b.token);
      const aSeen = collect(aTab1, 'notification');

      const first = await swipe(a.token, b.id, true);
      assert.deepEqual(first, { status: 200, body: { matched: false } });
      await sleep(100);
      assert.equal(aSeen.length, 0);

      const toA1 = waitFor(aTab1, 'notification');
      const toA2 = waitFor(aTab2, 'notification');
      const toB = waitFor(bTab, 'notification');
      const second = await swipe(b.token, a.id, true);
      assert.equal(second.status, 200);
      assert.equal(second.body.matched, true);
      assert.equal(second.body.match?.other.id, a.id);
      const conversationId = second.body.match?.conversationId;

      const [n1, n2, nb] = await Promise.all([toA1, toA2, toB]);
      for (const n of [n1, n2, nb]) {
        assert.equal(n.kind, 'match');
        assert.equal(n.href, `/chat/${conversationId}`);
      }
      assert.equal(n1.data?.userId, b.id, 'a hears about b');
      assert.equal(nb.data?.userId, a.id, 'b hears about a');

      const matches = (await t.api<Match[]>('GET', '/api/matches', { token: a.token })).body;
      assert.equal(matches.length, 1);
      assert.equal(matches[0].other.id, b.id);
      const conversations = (await t.api<ConversationSummary[]>('GET', '/api/conversations', { token: a.token })).body;
      assert.deepEqual(
        conversations.map((c) => c.id),
        [conversationId],
      );
    });

    it('two people liking each other at the same instant make exactly one match and one conversation', async () => {
      for (let round = 0; round < 5; round++) {
        const a = await t.createUser('race_a');
        const b = await t.createUser('race_b');
        const [ra, rb] = await Promise.all([swipe(a.token, b.id, true), swipe(b.token, a.id, true)]);
        assert.equal(ra.status, 200);
        assert.equal(rb.status, 200);
        assert.ok(ra.body.matched || rb.body.matched, 'someone sees the match');
        assert.equal(await count('matches', a.id), 1);
        assert.equal(await count('conversations', a.id), 1);
      }
    });

    it('rejects invalid swipes with 400 and changes nothing', async () => {
      const me = await t.createUser('invalid');
      const other = await t.createUser('target');
      for (const body of [{ targetId: 'nope', like: true }, { targetId: other.id }, { targetId: other.id, like: 'yes' }, null]) {
        const res = await t.api<RestError>('POST', '/api/swipes', { token: me.token, body });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.body.error.code, 'invalid-payload');
      }
      const self = await swipe(me.token, me.id, true);
      assert.equal(self.status, 400);
      const ghost = await swipe(me.token, crypto.randomUUID(), true);
      assert.equal(ghost.status, 404);
      const admin = await t.login('admin');
      assert.equal((await swipe(me.token, admin.user.id, true)).status, 404);
      assert.equal(await count('swipes', me.id), 0);
    });

    it('needs a token', async () => {
      const res = await t.api<RestError>('GET', '/api/deck');
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, 'unauthorized');
    });

    it('the seed has ava and ben matched with a conversation', async () => {
      const { token, user } = await t.login('ava');
      const conversations = (await t.api<ConversationSummary[]>('GET', '/api/conversations', { token })).body;
      const withBen = conversations.find((c) => c.other.username === 'ben');
      assert.ok(withBen, 'ava has a conversation with ben');
      assert.equal(withBen.lastMessage, null);
      assert.ok(user.id);
    });
  });
}
