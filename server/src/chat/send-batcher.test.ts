import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { blocks, conversations, matches, messages } from '../db/schema.ts';
import { openTestDatabase } from '../test-support/databases.ts';
import { dbKinds } from '../test-support/harness.ts';
import { insertUser } from '../users/users.repository.ts';
import { newClientId } from './chat.fixtures.ts';
import { createSendBatcher, maxBatch } from './send-batcher.ts';

/** The same database, counting the statements sent through it (the batcher's only call is `execute`). */
function counting(db: Db): { db: Db; statements: () => number } {
  let n = 0;
  const orm = new Proxy(db.orm, {
    get(target, prop, receiver) {
      if (prop !== 'execute') return Reflect.get(target, prop, receiver);
      return (...args: Parameters<Db['orm']['execute']>) => {
        n++;
        return target.execute(...args);
      };
    },
  });
  return { db: { ...db, orm }, statements: () => n };
}

let users = 0;
async function conversation(db: Db): Promise<{ id: string; a: string; b: string }> {
  const [ua, ub] = await Promise.all(
    ['a', 'b'].map((p) => insertUser(db.orm, { username: `batch_${p}_${process.pid}_${++users}`, displayName: p, bio: '' })),
  );
  // A match stores its pair in id order.
  const [userA, userB] = ua!.id < ub!.id ? [ua!.id, ub!.id] : [ub!.id, ua!.id];
  const [match] = await db.orm.insert(matches).values({ userA, userB }).returning();
  const [c] = await db.orm.insert(conversations).values({ matchId: match!.id }).returning();
  return { id: c!.id, a: ua!.id, b: ub!.id };
}

for (const { kind, skip } of dbKinds()) {
  describe(`chat send batcher: group commit in one statement (${kind})`, { skip }, () => {
    let test: Awaited<ReturnType<typeof openTestDatabase>>;
    before(async () => {
      test = await openTestDatabase(kind);
    });
    after(() => test?.close());

    it('stores concurrent sends in a few shared statements, numbered in arrival order per conversation', async () => {
      const { db, statements } = counting(test.db);
      const batcher = createSendBatcher(db);
      const convs = await Promise.all(Array.from({ length: 10 }, () => conversation(test.db)));
      const sends = Array.from({ length: 100 }, (_, i) => {
        const c = convs[i % convs.length]!;
        return { conversationId: c.id, senderId: i % 3 ? c.a : c.b, clientId: newClientId(), body: `#${i}` };
      });
      const outcomes = await Promise.all(sends.map((s) => batcher.send(s)));
      // The first send goes alone (the batcher was idle); the 99 that came meanwhile share the next
      // (as many as a batch holds on this database).
      const most = 1 + Math.ceil(99 / maxBatch(test.db.kind));
      assert.ok(statements() <= most, `${statements()} statements for 100 sends (at most ${most})`);
      for (const c of convs) {
        const mine = outcomes.flatMap((o, i) => (o.kind === 'created' && sends[i]!.conversationId === c.id ? [o.message] : []));
        assert.deepEqual(
          mine.map((m) => m.seq),
          Array.from({ length: 10 }, (_, i) => i + 1),
        );
        const stored = await test.db.orm.select().from(messages).where(eq(messages.conversationId, c.id));
        assert.equal(stored.length, 10);
      }
    });

    it('answers a retry in the same batch or a later one with the stored message, stored once', async () => {
      const batcher = createSendBatcher(test.db);
      const c = await conversation(test.db);
      const send = { conversationId: c.id, senderId: c.a, clientId: newClientId(), body: 'once' };
      const [first, second] = await Promise.all([batcher.send(send), batcher.send({ ...send, body: 'changed' })]);
      const [third] = await Promise.all([batcher.send(send), batcher.send({ ...send, clientId: newClientId() })]);
      const kinds = [first, second, third].map((o) => o.kind);
      assert.equal(kinds.filter((k) => k === 'created').length, 1, kinds.join());
      const ids = [first, second, third].map((o) => (o.kind === 'created' || o.kind === 'existing' ? o.message.id : null));
      assert.equal(new Set(ids).size, 1);
      const stored = await test.db.orm.select().from(messages).where(eq(messages.conversationId, c.id));
      assert.deepEqual(
        stored.map((m) => [m.body, m.seq]).sort(),
        [
          ['once', 1],
          ['once', 2],
        ].sort(),
      );
    });

    it('refuses non-members and blocked pairs within a batch and stores the rest without a gap', async () => {
      const batcher = createSendBatcher(test.db);
      const open = await conversation(test.db);
      const closed = await conversation(test.db);
      await test.db.orm.insert(blocks).values({ blockerId: closed.b, blockedId: closed.a });
      const outcomes = await Promise.all([
        batcher.send({ conversationId: open.id, senderId: open.a, clientId: newClientId(), body: '1' }),
        batcher.send({ conversationId: closed.id, senderId: closed.a, clientId: newClientId(), body: 'blocked' }),
        batcher.send({ conversationId: open.id, senderId: closed.a, clientId: newClientId(), body: 'stranger' }),
        batcher.send({ conversationId: crypto.randomUUID(), senderId: open.a, clientId: newClientId(), body: 'nowhere' }),
        batcher.send({ conversationId: open.id, senderId: open.b, clientId: newClientId(), body: '2' }),
      ]);
      assert.deepEqual(
        outcomes.map((o) => o.kind),
        ['created', 'blocked', 'not-member', 'not-member', 'created'],
      );
      assert.deepEqual(
        outcomes.flatMap((o) => (o.kind === 'created' ? [o.message.seq] : [])),
        [1, 2],
      );
      const [row] = await test.db.orm.select().from(conversations).where(eq(conversations.id, closed.id));
      assert.ok(row);
      assert.equal((await test.db.orm.select().from(messages).where(eq(messages.conversationId, closed.id))).length, 0);
    });

    it('fails only the send the database refuses, not the others of its batch', async () => {
      const batcher = createSendBatcher(test.db);
      const c = await conversation(test.db);
      const results = await Promise.allSettled([
        batcher.send({ conversationId: c.id, senderId: c.a, clientId: newClientId(), body: 'first' }),
        batcher.send({ conversationId: c.id, senderId: c.a, clientId: newClientId(), body: 'ok' }),
        // PostgreSQL text cannot hold NUL: the statement fails for this row.
        batcher.send({ conversationId: c.id, senderId: c.a, clientId: newClientId(), body: 'bad\u0000' }),
        batcher.send({ conversationId: c.id, senderId: c.b, clientId: newClientId(), body: 'also ok' }),
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
      );
      const stored = await test.db.orm.select().from(messages).where(eq(messages.conversationId, c.id));
      assert.deepEqual(stored.map((m) => m.seq).sort(), [1, 2, 3]);
    });
  });
}

describe('chat send batcher: two nodes racing the same retry (postgres)', {
  skip: dbKinds().find((k) => k.kind === 'postgres')!.skip,
}, () => {
  it('stores a message sent through two nodes at once exactly once, and answers both', async () => {
    const test = await openTestDatabase('postgres');
    try {
      const nodes = [createSendBatcher(test.db), createSendBatcher(test.db)];
      const c = await conversation(test.db);
      for (let round = 0; round < 20; round++) {
        const send = { conversationId: c.id, senderId: c.a, clientId: newClientId(), body: `r${round}` };
        const outcomes = await Promise.all(nodes.map((n) => n.send(send)));
        assert.deepEqual(outcomes.map((o) => o.kind).sort(), ['created', 'existing']);
      }
      const stored = await test.db.orm.select().from(messages).where(eq(messages.conversationId, c.id));
      assert.deepEqual(
        stored.map((m) => m.seq).sort((x, y) => x - y),
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
    } finally {
      await test.close();
    }
  });
});
