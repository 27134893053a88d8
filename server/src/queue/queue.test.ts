import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { ok } from '../calls/calls.fixtures.ts';
import { callParticipants, callSessions } from '../calls/calls.tables.ts';
import { blocks } from '../db/schema.ts';
import { collect, dbKinds, waitFor } from '../test-support/harness.ts';
import { createQueueTestApp, disconnectHandled, eventually, type QueueTestApp, queuer, ticketsOf } from './queue.fixtures.ts';
import { insertTicket, lockPairable, oldestWaiting } from './queue.repository.ts';

for (const { kind, skip } of dbKinds()) {
  describe(`live queue (${kind})`, { skip }, () => {
    let t: QueueTestApp;
    before(async () => {
      t = await createQueueTestApp(kind);
    });
    after(() => t?.close());
    // Tests share one app: whoever a test left waiting must not be paired into the next one.
    afterEach(() => t.app.db.orm.execute(sql`UPDATE queue_tickets SET status = 'cancelled' WHERE status = 'waiting'`));

    it('two joiners are paired into one live session: call:matched then call:prepare for both', async () => {
      const [a, b] = [await queuer(t), await queuer(t)];
      const statusA = waitFor(a.socket, 'queue:status');
      const first = await ok(t, a.socket, 'queue:join', {});
      assert.equal(first.status, 'waiting');
      assert.equal(first.position, 1);
      assert.equal((await statusA).position, 1, 'the waiting user is told its position');

      const prepared = Promise.all([waitFor(a.socket, 'call:prepare'), waitFor(b.socket, 'call:prepare')]);
      const second = await ok(t, b.socket, 'queue:join', {});
      // Exact: b's ticket is invisible to the sweeper until b's join has tried to pair it.
      assert.equal(second.status, 'matched');
      const [prepA, prepB] = await prepared;
      const { sessionId } = second;
      assert.deepEqual(a.rec.names(), ['call:matched', 'call:prepare']);
      assert.deepEqual(b.rec.names(), ['call:matched', 'call:prepare']);
      assert.deepEqual(a.rec.first('call:matched'), {
        sessionId,
        kind: 'live',
        peer: (await t.api('GET', `/api/users/${b.id}`, { token: a.token })).body,
      });
      assert.equal(b.rec.first('call:matched')?.peer.id, a.id);
      assert.equal(prepA.sessionId, sessionId);
      assert.equal(prepA.stage, 1);
      assert.equal(prepA.stages, 1);
      assert.equal(prepA.media, 'video', 'the live plan: one video stage');
      assert.equal(prepA.polite, false, 'the one who waited is the caller');
      assert.equal(prepB.polite, true);
      assert.deepEqual([prepA.offerer, prepB.offerer], [true, false], 'the one who waited offers');

      const [session] = await t.app.db.orm.select().from(callSessions).where(sql`${callSessions.id} = ${sessionId}`);
      assert.equal(session!.kind, 'live');
      assert.equal(session!.state, 'preparing');
      assert.deepEqual(await ticketsOf(t, a.id), [['paired', sessionId]]);
      assert.deepEqual(await ticketsOf(t, b.id), [['paired', sessionId]]);

      // The calls domain runs it from here: both gates pass → the stage starts for both.
      const started = Promise.all([waitFor(a.socket, 'call:stage-started'), waitFor(b.socket, 'call:stage-started')]);
      await ok(t, a.socket, 'call:ready', { sessionId, stage: 1 });
      await ok(t, b.socket, 'call:ready', { sessionId, stage: 1 });
      await started;
    });

    it('first come first served, never with a blocked person; positions are pushed as they change', async () => {
      const [x, y, z] = [await queuer(t), await queuer(t), await queuer(t)];
      await t.app.db.orm.insert(blocks).values({ blockerId: x.id, blockedId: y.id });
      // Status and position only: an estimate is there once anyone was paired in the past hour.
      const xJoined = await ok(t, x.socket, 'queue:join', {});
      assert.equal(xJoined.status, 'waiting');
      assert.equal(xJoined.position, 1);
      const yJoined = await ok(t, y.socket, 'queue:join', {});
      assert.equal(yJoined.status, 'waiting');
      assert.deepEqual([yJoined.status, yJoined.position], ['waiting', 2], 'y is not paired with x, who blocked y');

      const yStatuses = collect(y.socket, 'queue:status');
      const xMatched = waitFor(x.socket, 'call:matched');
      const zJoined = await ok(t, z.socket, 'queue:join', {});
      assert.equal(zJoined.status, 'matched');
      // Exact, sweeps or not: a sweep never holds x, whom nobody waiting could take.
      assert.equal((await xMatched).peer.id, z.id, 'z is paired with the oldest eligible waiter');
      await eventually(async () => yStatuses.some((s) => s.position === 1));
      // Until x was paired y may hear its estimate move (a whole second more), never a repeat.
      const heard = [yJoined, ...yStatuses].map(({ position, estimateMs }) => JSON.stringify({ position, estimateMs }));
      for (const [i, status] of heard.entries()) if (i > 0) assert.notEqual(status, heard[i - 1], 'only a change is pushed');
      const positions = yStatuses.map((s) => s.position);
      assert.deepEqual(positions, [...positions].sort().reverse(), 'the position only moves forward');
      assert.ok(positions.every((p) => p === 1 || p === 2));
      const estimate = yStatuses.at(-1)?.estimateMs ?? 0;
      assert.ok(estimate >= 1000 && estimate % 1000 === 0, `the estimate as the page shows it (whole seconds), not ${estimate} ms`);
    });

    it('a sweep looking at a waiter nobody can take does not hold it: a newcomer still gets that waiter', {
      skip: kind === 'pglite' && 'PGlite has one connection: no concurrent transactions',
    }, async () => {
      const [x, z] = [await queuer(t), await queuer(t)];
      await ok(t, x.socket, 'queue:join', {});
      const [ticket] = (await oldestWaiting(t.app.db.orm, 10)).filter((w) => w.userId === x.id);
      const xMatched = waitFor(x.socket, 'call:matched');
      await t.app.db.orm.transaction(async (sweep) => {
        assert.equal(await lockPairable(sweep, ticket!, new Date(0)), null, 'nobody to pair x with');
        // The sweep's transaction is still open while z joins on another connection.
        const joined = await ok(t, z.socket, 'queue:join', {});
        assert.equal(joined.status, 'matched');
      });
      assert.equal((await xMatched).peer.id, z.id);
    });

    it('two people who met in the live queue are not paired again within the re-pair window', async () => {
      const [a, b, c] = [await queuer(t), await queuer(t), await queuer(t)];
      await ok(t, a.socket, 'queue:join', {});
      const met = await ok(t, b.socket, 'queue:join', {});
      assert.equal(met.status, 'matched');
      await ok(t, a.socket, 'call:leave', { sessionId: met.sessionId });
      await waitFor(b.socket, 'call:ended');

      assert.equal((await ok(t, a.socket, 'queue:join', {})).status, 'waiting');
      const again = await ok(t, b.socket, 'queue:join', {});
      assert.equal(again.status, 'waiting');
      assert.equal(again.position, 2);
      assert.equal(await t.queue.sweep(), 0, 'a sweep does not pair them either');
      assert.equal((await ticketsOf(t, b.id)).at(-1)![0], 'waiting');
      const matched = waitFor(a.socket, 'call:matched');
      assert.equal((await ok(t, c.socket, 'queue:join', {})).status, 'matched');
      assert.equal((await matched).peer.id, c.id);
    });

    it('leaving cancels at once: ack, an empty status, and a later joiner does not get them', async () => {
      const [a, b] = [await queuer(t), await queuer(t)];
      await ok(t, a.socket, 'queue:join', {});
      const cleared = waitFor(a.socket, 'queue:status');
      assert.equal(await ok(t, a.socket, 'queue:leave', {}), null);
      assert.deepEqual(await cleared, {});
      assert.deepEqual(await ticketsOf(t, a.id), [['cancelled', null]]);
      assert.equal((await ok(t, b.socket, 'queue:join', {})).status, 'waiting');
      assert.deepEqual(a.rec.names(), [], 'never paired');
    });

    it('the last socket going away cancels the ticket at once; another tab keeps it', async () => {
      const a = await queuer(t);
      const secondTab = await t.connect(a.token);
      await ok(t, a.socket, 'queue:join', {});
      const firstGone = disconnectHandled(t, a.socket);
      a.socket.disconnect();
      await firstGone;
      assert.deepEqual(await ticketsOf(t, a.id), [['waiting', null]], 'another tab is still open');
      const lastGone = disconnectHandled(t, secondTab);
      secondTab.disconnect();
      await lastGone;
      assert.deepEqual(await ticketsOf(t, a.id), [['cancelled', null]]);
    });

    it('invalid and repeated queue events get clear errors and change nothing', async () => {
      const [a, b] = [await queuer(t), await queuer(t)];
      const invalid = await t.emit(a.socket, 'queue:join', { fast: true });
      assert.equal(invalid.ok, false);
      assert.equal(!invalid.ok && invalid.error.code, 'invalid-payload');
      const notQueued = await t.emit(a.socket, 'queue:leave', {});
      assert.equal(!notQueued.ok && notQueued.error.code, 'wrong-state');
      assert.deepEqual(await ticketsOf(t, a.id), []);

      await ok(t, a.socket, 'queue:join', {});
      const tab = await t.connect(a.token);
      const twice = await t.emit(tab, 'queue:join', {});
      assert.equal(!twice.ok && twice.error.code, 'conflict');
      assert.match(!twice.ok ? twice.error.message : '', /already in the queue/);
      assert.deepEqual(await ticketsOf(t, a.id), [['waiting', null]]);

      const paired = await ok(t, b.socket, 'queue:join', {});
      assert.equal(paired.status, 'matched');
      const { sessionId } = paired;
      const busy = await t.emit(a.socket, 'queue:join', {});
      assert.equal(!busy.ok && busy.error.code, 'busy', 'in a call: cannot queue');
      const late = await t.emit(a.socket, 'queue:leave', {});
      assert.equal(!late.ok && late.error.code, 'wrong-state', 'paired: nothing to leave');
      assert.equal((await ticketsOf(t, a.id)).length, 1);
      await ok(t, a.socket, 'call:leave', { sessionId });
    });

    it('the sweeper pairs tickets that both found nobody (racing joiners)', async () => {
      const [a, b] = [await queuer(t), await queuer(t)];
      // As if both had committed their tickets while each other's was still invisible.
      for (const p of [a, b]) await insertTicket(t.app.db.orm, { userId: p.id, nodeId: t.config.nodeId, socketId: p.socket.id! });
      const [ma, mb] = await Promise.all([waitFor(a.socket, 'call:matched'), waitFor(b.socket, 'call:matched')]);
      assert.equal(ma.sessionId, mb.sessionId);
      const rows = await t.app.db.orm.select().from(callParticipants).where(sql`${callParticipants.sessionId} = ${ma.sessionId}`);
      assert.deepEqual(rows.map((r) => r.userId).sort(), [a.id, b.id].sort());
      await ok(t, a.socket, 'call:leave', { sessionId: ma.sessionId });
    });
  });
}
