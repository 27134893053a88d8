/**
 * FLINT_SEED_USERS (QA contract for load tests and demos): N load users `load0001`…, each
 * odd-numbered one matched with the next, with a conversation, all able to sign in with the dev login.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConversationSummary, LoginResult, Match } from '@flint/shared';
import { sql } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../test-support/harness.ts';
import { seed } from './seed.ts';

for (const { kind, skip } of dbKinds()) {
  describe(`seed: FLINT_SEED_USERS (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ dbKind: kind, env: { FLINT_SEED_USERS: '5' } });
    });
    after(() => t?.close());

    const loadUsers = async () => {
      const { rows } = await t.app.db.orm.execute<{ username: string }>(
        sql`SELECT username FROM users WHERE username LIKE 'load%' ORDER BY username`,
      );
      return rows.map((r) => r.username);
    };

    it('adds load0001… and pairs each odd-numbered user with the next, with a conversation', async () => {
      assert.deepEqual(await loadUsers(), ['load0001', 'load0002', 'load0003', 'load0004', 'load0005']);
      const matchedWith = async (username: string) => {
        const login = await t.api<LoginResult>('POST', '/api/dev/login', { body: { username } });
        assert.equal(login.status, 200, `${username} signs in`);
        const token = login.body.token;
        const matches = (await t.api<Match[]>('GET', '/api/matches', { token })).body.map((m) => m.other.username);
        const chats = (await t.api<ConversationSummary[]>('GET', '/api/conversations', { token })).body.map((c) => c.other.username);
        return { matches, chats };
      };
      assert.deepEqual(await matchedWith('load0001'), { matches: ['load0002'], chats: ['load0002'] });
      assert.deepEqual(await matchedWith('load0004'), { matches: ['load0003'], chats: ['load0003'] });
      assert.deepEqual(await matchedWith('load0005'), { matches: [], chats: [] }, 'the odd one out has nobody');
    });

    it('is idempotent and grows with a larger N without touching what exists', async () => {
      await seed(t.app.db, { loadUsers: 5 });
      await seed(t.app.db, { loadUsers: 6 });
      assert.deepEqual(await loadUsers(), ['load0001', 'load0002', 'load0003', 'load0004', 'load0005', 'load0006']);
      const { rows } = await t.app.db.orm.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM matches m JOIN users a ON a.id = m.user_a WHERE a.username LIKE 'load%'`,
      );
      assert.equal(rows[0]!.n, 3, 'load0005 and load0006 are matched now, nothing twice');
    });
  });
}
