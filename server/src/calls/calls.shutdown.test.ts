/**
 * A node's deliberate shutdown (`app.close()`) drops its sockets, but the users are not leaving:
 * their clients reconnect to another node or to this one restarted, so a running call must not be
 * marked as having lost its participants (the presence check of the surviving nodes catches anyone
 * who does not come back). The app runs on a database the test owns, so the rows are read after
 * the close has run every disconnect hook of every module.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { createQueueTestApp, type QueueTestApp, queuer } from '../queue/queue.fixtures.ts';
import { openTestDatabase } from '../test-support/databases.ts';
import { dbKinds, waitFor } from '../test-support/harness.ts';
import { connectCall, createCallPair, ok, startStage } from './calls.fixtures.ts';
import { callParticipants } from './calls.tables.ts';

for (const { kind, skip } of dbKinds()) {
  describe(`calls: a node shutting down (${kind})`, { skip }, () => {
    let t: QueueTestApp;
    let database: { db: Db; close(): Promise<void> };
    before(async () => {
      database = await openTestDatabase(kind);
      // Stages long enough that both calls are still running when the node closes.
      t = await createQueueTestApp(kind, { db: database.db, env: { FLINT_LIVE_PLAN: 'video:30', FLINT_STAGE_PLAN: 'audio:30,video:30' } });
    });
    after(async () => {
      await t?.close();
      await database?.close();
    });

    it('leaves every participant of a running staged or live call connected', async () => {
      const pair = await createCallPair(t);
      const staged = await connectCall(t, pair);
      await startStage(t, pair, staged, 1);

      const [a, b] = [await queuer(t), await queuer(t)];
      await ok(t, a.socket, 'queue:join', {});
      const prepared = Promise.all([waitFor(a.socket, 'call:prepare'), waitFor(b.socket, 'call:prepare')]);
      const joined = await ok(t, b.socket, 'queue:join', {});
      assert.equal(joined.status, 'matched');
      const live = joined.sessionId;
      await prepared;
      const started = Promise.all([waitFor(a.socket, 'call:stage-started'), waitFor(b.socket, 'call:stage-started')]);
      await ok(t, a.socket, 'call:ready', { sessionId: live, stage: 1 });
      await ok(t, b.socket, 'call:ready', { sessionId: live, stage: 1 });
      await started;

      // The server drops every socket itself and waits for their disconnect hooks before it returns.
      await t.app.close();

      const rows = await database.db.orm
        .select({ sessionId: callParticipants.sessionId, userId: callParticipants.userId, connected: callParticipants.connected })
        .from(callParticipants)
        .where(inArray(callParticipants.sessionId, [staged, live]));
      assert.equal(rows.length, 4, 'both participants of both calls');
      assert.deepEqual(
        rows.filter((r) => !r.connected),
        [],
        'a shutdown is not a disconnect: nobody is put into the reconnect grace',
      );
    });
  });
}
