import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { MAX_REPORT_REASON } from '@flint/shared/schemas';
import { sql } from 'drizzle-orm';
import { connectCall, createCallPair, ok, type Person, startStage } from '../calls/calls.fixtures.ts';
import { callParticipants } from '../calls/calls.tables.ts';
import { createQueueTestApp, type QueueTestApp, queuer } from '../queue/queue.fixtures.ts';
import { dbKinds, type TestApp, waitFor } from '../test-support/harness.ts';

async function reportsOf(t: TestApp, reportedId: string) {
  const { rows } = await t.app.db.orm.execute(
    sql`SELECT reporter_id, reported_id, session_id, stage, session_state, reason FROM reports WHERE reported_id = ${reportedId}`,
  );
  return rows;
}

async function blocksBetween(t: TestApp, a: string, b: string) {
  const { rows } = await t.app.db.orm.execute<{ blocker_id: string; blocked_id: string }>(
    sql`SELECT blocker_id, blocked_id FROM blocks WHERE (blocker_id, blocked_id) IN ((${a}::uuid, ${b}::uuid), (${b}::uuid, ${a}::uuid))`,
  );
  return rows.map((r) => [r.blocker_id, r.blocked_id]);
}

/**
 * A request round trip on the person's socket: whatever the server sent them before handling it has
 * arrived by its ack (one socket's packets stay in order). `queue:leave` outside the queue changes nothing.
 */
async function heardAll(t: TestApp, p: Person): Promise<void> {
  await t.emit(p.socket, 'queue:leave', {});
}

/** Pairs two fresh queue users and starts their live stage; returns them and the session id. */
async function liveCall(t: TestApp): Promise<{ a: Person; b: Person; sessionId: string }> {
  const [a, b] = [await queuer(t), await queuer(t)];
  await ok(t, a.socket, 'queue:join', {});
  const prepared = Promise.all([waitFor(a.socket, 'call:prepare'), waitFor(b.socket, 'call:prepare')]);
  const joined = await ok(t, b.socket, 'queue:join', {});
  // Exact: a join's ticket is invisible to the queue's sweeper until the join has tried to pair it.
  assert.equal(joined.status, 'matched');
  const { sessionId } = joined;
  await prepared;
  const started = Promise.all([waitFor(a.socket, 'call:stage-started'), waitFor(b.socket, 'call:stage-started')]);
  await ok(t, a.socket, 'call:ready', { sessionId, stage: 1 });
  await ok(t, b.socket, 'call:ready', { sessionId, stage: 1 });
  await started;
  return { a, b, sessionId };
}

for (const { kind, skip } of dbKinds()) {
  describe(`safety: report and block inside calls (${kind})`, { skip }, () => {
    let t: QueueTestApp;
    before(async () => {
      // A live stage long enough to report in.
      t = await createQueueTestApp(kind, { env: { FLINT_LIVE_PLAN: 'video:30' } });
    });
    after(() => t?.close());
    afterEach(() => t.app.db.orm.execute(sql`UPDATE queue_tickets SET status = 'cancelled' WHERE status = 'waiting'`));

    it('a report in a live call ends it for both alike, records it, and the two are never paired again', async () => {
      const { a, b, sessionId } = await liveCall(t);
      const ended = Promise.all([waitFor(a.socket, 'call:ended'), waitFor(b.socket, 'call:ended')]);
      assert.equal(await ok(t, a.socket, 'call:report', { sessionId, reason: '  rude and threatening  ' }), null);
      const [endedA, endedB] = await ended;
      assert.deepEqual(endedA, { sessionId, kind: 'live', reason: 'reported', conversationId: null });
      assert.deepEqual(endedB, endedA, 'the reported person cannot tell who reported');
      assert.deepEqual(await reportsOf(t, b.id), [
        { reporter_id: a.id, reported_id: b.id, session_id: sessionId, stage: 1, session_state: 'active', reason: 'rude and threatening' },
      ]);
      assert.deepEqual(await blocksBetween(t, a.id, b.id), [[a.id, b.id]]);
      const live = await t.app.db.orm.select().from(callParticipants).where(sql`${callParticipants.sessionId} = ${sessionId}`);
      assert.ok(
        live.every((p) => !p.live),
        'both are free to call or queue again',
      );

      assert.equal((await ok(t, b.socket, 'queue:join', {})).status, 'waiting');
      const again = await ok(t, a.socket, 'queue:join', {});
      assert.equal(again.status, 'waiting', 'not paired with the person reported');
      assert.equal(again.position, 2);
      assert.equal(await t.queue.sweep(), 0, 'a sweep keeps them apart too');
      const c = await queuer(t);
      const bMatched = waitFor(b.socket, 'call:matched');
      assert.equal((await ok(t, c.socket, 'queue:join', {})).status, 'matched');
      assert.equal((await bMatched).peer.id, c.id);
    });

    it('a block in a staged call ends it for both; the match can no longer call, swipe or see the other', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      await startStage(t, pair, sessionId, 1);
      const ended = Promise.all([waitFor(pair.caller.socket, 'call:ended'), waitFor(pair.callee.socket, 'call:ended')]);
      const presence = Promise.all([waitFor(pair.caller.socket, 'presence'), waitFor(pair.callee.socket, 'presence')]);
      await ok(t, pair.callee.socket, 'call:block', { sessionId });
      const [endedCaller, endedCallee] = await ended;
      assert.deepEqual(
        await presence,
        [
          { userId: pair.callee.id, online: false },
          { userId: pair.caller.id, online: false },
        ],
        'each page takes back the presence it showed of the other',
      );
      assert.deepEqual(endedCaller, { sessionId, kind: 'staged', reason: 'reported', conversationId: null });
      assert.deepEqual(endedCallee, endedCaller);
      assert.deepEqual(await reportsOf(t, pair.caller.id), [], 'a block alone is not a report');

      for (const [me, other] of [
        [pair.caller, pair.callee],
        [pair.callee, pair.caller],
      ] as const) {
        const call = await t.emit(me.socket, 'call:request', { matchId: pair.matchId });
        assert.equal(!call.ok && call.error.code, 'forbidden', 'no staged call between a blocked pair, either way');
        assert.equal((await t.api('GET', `/api/users/${other.id}`, { token: me.token })).status, 404);
        assert.equal((await t.api('POST', '/api/swipes', { token: me.token, body: { targetId: other.id, like: true } })).status, 404);
      }
    });

    it('only participants may report or block; bad input is refused; nothing changes', async () => {
      const { a, b, sessionId } = await liveCall(t);
      const stranger = await queuer(t);
      const recorded = [a.rec.events.length, b.rec.events.length];
      const refused = await t.emit(stranger.socket, 'call:report', { sessionId, reason: 'spam' });
      assert.equal(!refused.ok && refused.error.code, 'forbidden');
      const blocked = await t.emit(stranger.socket, 'call:block', { sessionId });
      assert.equal(!blocked.ok && blocked.error.code, 'forbidden');
      const unknown = await t.emit(a.socket, 'call:block', { sessionId: '00000000-0000-4000-8000-000000000000' });
      assert.equal(!unknown.ok && unknown.error.code, 'not-found');
      for (const reason of ['', '   ', 'x'.repeat(MAX_REPORT_REASON + 1)]) {
        const bad = await t.emit(a.socket, 'call:report', { sessionId, reason });
        assert.equal(!bad.ok && bad.error.code, 'invalid-payload');
      }
      const extra = await t.emit(a.socket, 'call:block', { sessionId, reason: 'x' });
      assert.equal(!extra.ok && extra.error.code, 'invalid-payload');
      for (const p of [a, b]) await heardAll(t, p);
      assert.deepEqual([a.rec.events.length, b.rec.events.length], recorded, 'neither participant heard anything');
      assert.deepEqual(await reportsOf(t, b.id), []);
      assert.deepEqual(await blocksBetween(t, a.id, b.id), []);
      assert.deepEqual(await blocksBetween(t, stranger.id, a.id), []);
      await ok(t, a.socket, 'call:leave', { sessionId });
    });

    it('after a call ended, a report still records and blocks, and nobody is told anything more', async () => {
      const { a, b, sessionId } = await liveCall(t);
      const ended = waitFor(b.socket, 'call:ended');
      await ok(t, a.socket, 'call:leave', { sessionId });
      await ended;
      const before = b.rec.events.length;
      await ok(t, b.socket, 'call:report', { sessionId, reason: 'said something vile before hanging up' });
      await heardAll(t, b);
      assert.equal(b.rec.events.length, before);
      assert.equal((await reportsOf(t, a.id)).length, 1);
      assert.deepEqual(await blocksBetween(t, a.id, b.id), [[b.id, a.id]]);
    });
  });
}
