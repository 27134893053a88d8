import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { matches } from '../db/schema.ts';
import { dbKinds, type TestApp, waitFor } from '../test-support/harness.ts';
import { type CallPair, connectCall, createCallPair, createCallsTestApp, ok, person, startStage, voteBoth } from './calls.fixtures.ts';
import { listConsents } from './calls.repository.ts';
import { callDeadlines, callSessions } from './calls.tables.ts';

for (const { kind, skip } of dbKinds()) {
  describe(`calls: staged flow (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createCallsTestApp(kind);
    });
    after(() => t?.close());

    it('three stages: prepare → started → ended per stage for both, then completed', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      for (const stage of [1, 2, 3]) {
        const [a, b] = await startStage(t, pair, sessionId, stage);
        assert.equal(a.stage, stage);
        assert.equal(a.endsAt, b.endsAt, 'both see the same stage end');
        if (stage < 3) {
          const ended = await Promise.all([
            waitFor(pair.caller.socket, 'call:stage-ended'),
            waitFor(pair.callee.socket, 'call:stage-ended'),
          ]);
          assert.equal(ended[0].stage, stage);
          assert.equal(ended[0].decisionEndsAt, ended[1].decisionEndsAt);
          const prepared = Promise.all([waitFor(pair.caller.socket, 'call:prepare'), waitFor(pair.callee.socket, 'call:prepare')]);
          await voteBoth(t, pair, sessionId, stage, true, true);
          const [pa, pb] = await prepared;
          assert.equal(pa.stage, stage + 1);
          assert.equal(pa.media, 'video');
          assert.notEqual(pa.polite, pb.polite, 'exactly one side is polite');
          // The server names one offerer, the same every stage (no glare), and it is the impolite side.
          assert.deepEqual([pa.offerer, pb.offerer], [true, false], 'the caller offers, the callee answers');
          assert.equal(pa.offerer, !pa.polite, 'the offerer is the impolite peer');
        }
      }
      const [endedA, endedB] = await Promise.all([waitFor(pair.caller.socket, 'call:ended'), waitFor(pair.callee.socket, 'call:ended')]);
      assert.deepEqual(endedA, { sessionId, kind: 'staged', reason: 'completed', conversationId: pair.conversationId });
      assert.deepEqual(endedB, endedA);
      const expected = [
        'call:prepare',
        'call:stage-started',
        'call:stage-ended',
        'call:peer-decided',
        'call:prepare',
        'call:stage-started',
        'call:stage-ended',
        'call:peer-decided',
        'call:prepare',
        'call:stage-started',
        'call:ended',
      ];
      assert.deepEqual(pair.caller.rec.names(), expected);
      assert.deepEqual(pair.callee.rec.names(), ['call:invite', ...expected]);
      const consents = await listConsents(t.app.db.orm, sessionId);
      assert.deepEqual(consents.map((c) => [c.userId === pair.caller.id ? 'caller' : 'callee', c.stage, c.proceed]).sort(), [
        ['callee', 1, true],
        ['callee', 2, true],
        ['callee', 3, true],
        ['caller', 1, true],
        ['caller', 2, true],
        ['caller', 3, true],
      ]);
      // Free again: a new call between them works once the last one completed.
      const again = await t.emit(pair.caller.socket, 'call:request', { matchId: pair.matchId });
      assert.equal(again.ok, true);
    });
  });
}

/** Runs a call up to the intermission after `stage` (both received call:stage-ended). */
async function toIntermission(t: TestApp, pair: CallPair, stage: number): Promise<string> {
  const sessionId = await connectCall(t, pair);
  for (let s = 1; s <= stage; s++) {
    await startStage(t, pair, sessionId, s);
    await Promise.all([waitFor(pair.caller.socket, 'call:stage-ended'), waitFor(pair.callee.socket, 'call:stage-ended')]);
    if (s < stage) {
      const prepared = Promise.all([waitFor(pair.caller.socket, 'call:prepare'), waitFor(pair.callee.socket, 'call:prepare')]);
      await voteBoth(t, pair, sessionId, s, true, true);
      await prepared;
    }
  }
  return sessionId;
}

const bothEnded = (pair: CallPair) => Promise.all([waitFor(pair.caller.socket, 'call:ended'), waitFor(pair.callee.socket, 'call:ended')]);

for (const { kind, skip } of dbKinds()) {
  describe(`calls: endings (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createCallsTestApp(kind);
    });
    after(() => t?.close());

    for (const stage of [1, 2]) {
      it(`a "no" after stage ${stage} ends the call as declined for both, without saying who`, async () => {
        const pair = await createCallPair(t);
        const sessionId = await toIntermission(t, pair, stage);
        const decided = waitFor(pair.callee.socket, 'call:peer-decided');
        const ended = bothEnded(pair);
        await ok(t, pair.caller.socket, 'call:vote', { sessionId, stage, proceed: false });
        assert.deepEqual(await decided, { sessionId, stage }, 'the peer learns that, not what, the other decided');
        await ok(t, pair.callee.socket, 'call:vote', { sessionId, stage, proceed: true });
        const [a, b] = await ended;
        assert.deepEqual(a, { sessionId, kind: 'staged', reason: 'declined', conversationId: pair.conversationId });
        assert.deepEqual(b, a);
        assert.equal(pair.caller.rec.names().filter((n) => n === 'call:prepare').length, stage, 'no next stage was prepared');
      });
    }

    it('no vote by the decision deadline ends the call as decision-timeout for both', async () => {
      const pair = await createCallPair(t);
      const sessionId = await toIntermission(t, pair, 1);
      await ok(t, pair.caller.socket, 'call:vote', { sessionId, stage: 1, proceed: true });
      const [a, b] = await bothEnded(pair);
      assert.equal(a.reason, 'decision-timeout');
      assert.deepEqual(b, a);
    });

    it('an unanswered invite ends as ring-timeout on both sides', async () => {
      const pair = await createCallPair(t);
      const invited = waitFor(pair.callee.socket, 'call:invite');
      const { sessionId } = await ok(t, pair.caller.socket, 'call:request', { matchId: pair.matchId });
      const invite = await invited;
      assert.equal(invite.sessionId, sessionId);
      assert.equal(invite.conversationId, pair.conversationId);
      assert.equal(invite.from.id, pair.caller.id);
      const [a, b] = await bothEnded(pair);
      assert.equal(a.reason, 'ring-timeout');
      assert.equal(b.reason, 'ring-timeout');
    });

    it('the callee declines the invite: declined for both', async () => {
      const pair = await createCallPair(t);
      const invited = waitFor(pair.callee.socket, 'call:invite');
      const { sessionId } = await ok(t, pair.caller.socket, 'call:request', { matchId: pair.matchId });
      await invited;
      const ended = bothEnded(pair);
      await ok(t, pair.callee.socket, 'call:respond', { sessionId, accept: false });
      const [a, b] = await ended;
      assert.equal(a.reason, 'declined');
      assert.equal(b.reason, 'declined');
    });

    it('the caller cancels while ringing: call:cancelled to the callee, then cancelled for both', async () => {
      const pair = await createCallPair(t);
      const invited = waitFor(pair.callee.socket, 'call:invite');
      const { sessionId } = await ok(t, pair.caller.socket, 'call:request', { matchId: pair.matchId });
      await invited;
      const ended = bothEnded(pair);
      await ok(t, pair.caller.socket, 'call:leave', { sessionId });
      const [a, b] = await ended;
      assert.equal(a.reason, 'cancelled');
      assert.equal(b.reason, 'cancelled');
      assert.deepEqual(pair.callee.rec.names(), ['call:invite', 'call:cancelled', 'call:ended']);
      const late = await t.emit(pair.callee.socket, 'call:respond', { sessionId, accept: true });
      assert.deepEqual(late.ok ? null : late.error.code, 'wrong-state');
    });

    it("answering in one tab tells the callee's other tabs it was answered elsewhere", async () => {
      const pair = await createCallPair(t);
      const second = await person(t, pair.callee);
      const invites = Promise.all([waitFor(pair.callee.socket, 'call:invite'), waitFor(second.socket, 'call:invite')]);
      const { sessionId } = await ok(t, pair.caller.socket, 'call:request', { matchId: pair.matchId });
      await invites;
      const elsewhere = waitFor(second.socket, 'call:answered-elsewhere');
      await ok(t, pair.callee.socket, 'call:respond', { sessionId, accept: true });
      assert.deepEqual(await elsewhere, { sessionId });
      await waitFor(pair.callee.socket, 'call:prepare').catch(() => undefined);
      assert.equal(pair.callee.rec.names().includes('call:answered-elsewhere'), false);
      const twice = await t.emit(second.socket, 'call:respond', { sessionId, accept: true });
      assert.equal(twice.ok ? null : twice.error.code, 'wrong-state');
      await ok(t, pair.caller.socket, 'call:leave', { sessionId });
    });

    it('busy: neither person of a live call can be called or call someone else', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      const again = await t.emit(pair.caller.socket, 'call:request', { matchId: pair.matchId });
      assert.equal(again.ok ? null : again.error.code, 'busy');
      const other = await createCallPair(t);
      // `other.caller` is matched with pair.callee in a new match: calling them is busy.
      const [ua, ub] = pair.callee.id < other.caller.id ? [pair.callee.id, other.caller.id] : [other.caller.id, pair.callee.id];
      const [m] = await t.app.db.orm.insert(matches).values({ userA: ua, userB: ub }).returning();
      const busy = await t.emit(other.caller.socket, 'call:request', { matchId: m!.id });
      assert.equal(busy.ok ? null : busy.error.code, 'busy');
      assert.equal(pair.callee.rec.names().filter((n) => n === 'call:invite').length, 1, 'no second invite');
      await ok(t, pair.caller.socket, 'call:leave', { sessionId });
    });

    it('a stale session (its deadline long overdue) never blocks a new call', async () => {
      const pair = await createCallPair(t);
      const { sessionId } = await ok(t, pair.caller.socket, 'call:request', { matchId: pair.matchId });
      const past = new Date(Date.now() - 3600_000);
      await t.app.db.orm.update(callSessions).set({ ringEndsAt: past }).where(eq(callSessions.id, sessionId));
      await t.app.db.orm.update(callDeadlines).set({ dueAt: past }).where(eq(callDeadlines.sessionId, sessionId));
      const fresh = await ok(t, pair.caller.socket, 'call:request', { matchId: pair.matchId });
      assert.notEqual(fresh.sessionId, sessionId);
      await ok(t, pair.caller.socket, 'call:leave', { sessionId: fresh.sessionId });
    });

    it('a failed gate ends the call as device-unavailable, with the reason only for its owner', async () => {
      const pair = await createCallPair(t);
      const sessionId = await toIntermission(t, pair, 1);
      const prepared = waitFor(pair.callee.socket, 'call:prepare');
      await voteBoth(t, pair, sessionId, 1, true, true);
      await prepared;
      const ended = bothEnded(pair);
      await ok(t, pair.callee.socket, 'call:device-failed', { sessionId, stage: 2, reason: 'permission-denied' });
      const [a, b] = await ended;
      assert.deepEqual(a, { sessionId, kind: 'staged', reason: 'device-unavailable', conversationId: pair.conversationId });
      assert.deepEqual(b, { ...a, deviceFailure: 'permission-denied' });
    });

    it('hanging up during a stage ends it as hung-up for both; leaving again is harmless', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      await startStage(t, pair, sessionId, 1);
      const ended = bothEnded(pair);
      await ok(t, pair.callee.socket, 'call:leave', { sessionId });
      const [a, b] = await ended;
      assert.equal(a.reason, 'hung-up');
      assert.equal(b.reason, 'hung-up');
      await ok(t, pair.callee.socket, 'call:leave', { sessionId });
      const resumed = await ok(t, pair.callee.socket, 'call:resume', {});
      assert.equal(resumed, null);
    });
  });
}
