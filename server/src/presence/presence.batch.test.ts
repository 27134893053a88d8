import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { matches, presenceSockets } from '../db/schema.ts';
import { openTestDatabase } from '../test-support/databases.ts';
import { dbKinds } from '../test-support/harness.ts';
import { insertUser } from '../users/users.repository.ts';
import { createPresenceService, type PresenceChange, presenceBatch } from './presence.service.ts';

/** The same database, counting the transactions begun through it (the presence writes' only way in). */
function counting(db: Db): { db: Db; transactions: () => number } {
  let n = 0;
  const orm = new Proxy(db.orm, {
    get(target, prop, receiver) {
      if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
      return (...args: Parameters<Db['orm']['transaction']>) => {
        n++;
        return target.transaction(...args);
      };
    },
  });
  return { db: { ...db, orm }, transactions: () => n };
}

let made = 0;
async function people(db: Db, n: number): Promise<string[]> {
  const users = await Promise.all(
    Array.from({ length: n }, () => insertUser(db.orm, { username: `pres_${process.pid}_${++made}`, displayName: 'p', bio: '' })),
  );
  return users.map((u) => u.id);
}

const socketIds = (n: number) => Array.from({ length: n }, () => `s-${randomUUID()}`);

for (const { kind, skip } of dbKinds()) {
  describe(`presence writes: group commit (${kind})`, { skip }, () => {
    let test: Awaited<ReturnType<typeof openTestDatabase>>;
    before(async () => {
      test = await openTestDatabase(kind);
    });
    after(() => test?.close());

    const rowsOf = async (userIds: string[]) => test.db.orm.select().from(presenceSockets).where(inArray(presenceSockets.userId, userIds));

    it('writes a burst of connects in a few transactions; each resolves only once its row is committed', async () => {
      const { db, transactions } = counting(test.db);
      const presence = createPresenceService(db, 'node-a');
      const users = await people(test.db, 100);
      const [watcher] = await people(test.db, 1);
      // A match, so the first user's change has an audience.
      const [a, b] = [users[0]!, watcher!].sort();
      await test.db.orm.insert(matches).values({ userA: a!, userB: b! });
      const sockets = socketIds(100);
      const seen: boolean[] = [];
      const changes = await Promise.all(
        users.map((u, i) =>
          presence.socketConnected(sockets[i]!, u).then(async (change) => {
            // Read on the test's own handle (another pooled connection on PostgreSQL): committed.
            const rows = await test.db.orm.select().from(presenceSockets).where(eq(presenceSockets.socketId, sockets[i]!));
            seen.push(rows.length === 1);
            return change;
          }),
        ),
      );
      assert.ok(seen.every(Boolean), 'a connect resolved before its row was visible to another connection');
      // The first connect goes alone (the batcher was idle); the 99 that came meanwhile share the next.
      const most = 1 + Math.ceil(99 / presenceBatch(test.db.kind));
      assert.ok(transactions() <= most, `${transactions()} transactions for 100 connects (at most ${most})`);
      assert.deepEqual(
        changes.map((c) => c?.online),
        users.map(() => true),
        'each first socket is an online change',
      );
      assert.deepEqual(changes[0]!.audience, [watcher]);
      assert.deepEqual(changes[1]!.audience, []);
      assert.equal((await rowsOf(users)).length, 100);
    });

    it('a burst of connects and disconnects of the same users: one online and one offline each, rows exact', async () => {
      const presence = createPresenceService(test.db, 'node-a');
      const users = await people(test.db, 20);
      const tabs = users.map(() => socketIds(3));
      const online = await Promise.all(users.flatMap((u, i) => tabs[i]!.map((s) => presence.socketConnected(s, u))));
      const onlineChanges = online.filter((c): c is PresenceChange => c !== null);
      assert.deepEqual(onlineChanges.map((c) => c.userId).sort(), [...users].sort(), 'exactly one online per user, for three tabs');
      assert.ok(onlineChanges.every((c) => c.online));

      // Two tabs close while a fourth opens, all at once: everyone stays online, nobody is told.
      const fourth = socketIds(20);
      const churn = await Promise.all(
        users.flatMap((u, i) => [
          presence.socketDisconnected(tabs[i]![0]!, u),
          presence.socketDisconnected(tabs[i]![1]!, u),
          presence.socketConnected(fourth[i]!, u),
        ]),
      );
      assert.deepEqual(
        churn.filter((c) => c !== null),
        [],
      );
      assert.equal((await rowsOf(users)).length, 40);

      const offline = await Promise.all(
        users.flatMap((u, i) => [presence.socketDisconnected(tabs[i]![2]!, u), presence.socketDisconnected(fourth[i]!, u)]),
      );
      const offlineChanges = offline.filter((c): c is PresenceChange => c !== null);
      assert.deepEqual(offlineChanges.map((c) => c.userId).sort(), [...users].sort(), 'exactly one offline per user');
      assert.ok(offlineChanges.every((c) => !c.online));
      assert.equal((await rowsOf(users)).length, 0);
    });

    it('a disconnect in the same batch as its own connect leaves no row and no announcement', async () => {
      const presence = createPresenceService(test.db, 'node-a');
      const [busy, flicker] = await people(test.db, 2);
      const [first, socket] = socketIds(2);
      // The first write runs alone; the connect and its disconnect queue behind it and share a batch.
      const results = await Promise.all([
        presence.socketConnected(first!, busy!),
        presence.socketConnected(socket!, flicker!),
        presence.socketDisconnected(socket!, flicker!),
      ]);
      assert.deepEqual(results.slice(1), [null, null], 'online then offline in one batch is no change');
      assert.deepEqual(await rowsOf([flicker!]), [], 'the socket that left has no row');
    });

    it('a restarted node clears its rows in one go: offline only for users with no socket on another node', async () => {
      const { db, transactions } = counting(test.db);
      const [gone, elsewhere, watcher] = await people(test.db, 3);
      const [a, b] = [gone!, watcher!].sort();
      await test.db.orm.insert(matches).values({ userA: a!, userB: b! });
      const nodeA = createPresenceService(test.db, `restart-a-${made}`);
      const nodeB = createPresenceService(test.db, `restart-b-${made}`);
      await Promise.all([
        ...socketIds(2).map((s) => nodeA.socketConnected(s, gone!)),
        nodeA.socketConnected(`s-${randomUUID()}`, elsewhere!),
        nodeB.socketConnected(`s-${randomUUID()}`, elsewhere!),
      ]);
      // The same node id, started again (its old sockets are gone with the old process).
      const restarted = createPresenceService(db, `restart-a-${made}`);
      const before = transactions();
      const changes = await restarted.clearNode();
      assert.deepEqual(changes, [{ userId: gone, online: false, audience: [watcher] }]);
      assert.equal(transactions(), before, 'no transaction per user');
      assert.deepEqual(
        (await rowsOf([gone!, elsewhere!])).map((r) => r.userId),
        [elsewhere],
        "node B's socket stays",
      );
    });
  });
}
