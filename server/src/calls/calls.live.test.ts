/**
 * A live session's "Match?" outcome, end to end over real sockets: two users paired by `queue:join`
 * (exactly as the live page does), one video stage, then the intermission after it. Both yes → the
 * match and its conversation, `call:ended {completed, matchId, conversationId}` and a `match`
 * notification for both, the chat in both lists; a no or a silence → no match.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { ConversationSummary, ServerEventName } from '@flint/shared';
import { eq, sql } from 'drizzle-orm';
import { conversations, matches } from '../db/schema.ts';
import { createQueueTestApp, type QueueTestApp, queuer } from '../queue/queue.fixtures.ts';
import { collect, dbKinds, waitFor } from '../test-support/harness.ts';
import { ok, type Person } from './calls.fixtures.ts';
import { listConsents } from './calls.repository.ts';
import { callSessions } from './calls.tables.ts';

const both = <E extends ServerEventName>(a: Person, b: Person, event: E, timeoutMs?: number) =>
  Promise.all([waitFor(a.socket, event, timeoutMs), waitFor(b.socket, event, timeoutMs)]);

/**
 * Pairs `a` and `b` through the queue; the session id comes from `call:prepare`, not from the join's
 * ack, because the queue's sweeper may be the one that pairs them (it then acks `waiting`).
 */
async function pairLive(t: QueueTestApp, a: Person, b: Person): Promise<string> {
  const prepared = both(a, b, 'call:prepare');
  await ok(t, a.socket, 'queue:join', {});
  await ok(t, b.socket, 'queue:join', {});
  const [prepA, prepB] = await prepared;
  assert.equal(prepA.sessionId, prepB.sessionId);
  return prepA.sessionId;
}

/** Pairs two fresh users through the queue and runs the live plan's one stage up to its intermission. */
async function toMatchQuestion(t: QueueTestApp) {
  const [a, b] = [await queuer(t, 'live'), await queuer(t, 'live')];
  const sessionId = await pairLive(t, a, b);
  const started = both(a, b, 'call:stage-started');
  await ok(t, a.socket, 'call:ready', { sessionId, stage: 1 });
  await ok(t, b.socket, 'call:ready', { sessionId, stage: 1 });
  await started;
  const [endedA, endedB] = await both(a, b, 'call:stage-ended');
  return { a, b, sessionId, stageEnded: [endedA, endedB] };
}

const conversationsOf = async (t: QueueTestApp, p: Person) =>
  (await t.api('GET', '/api/conversations', { token: p.token })).body as ConversationSummary[];

for (const { kind, skip } of dbKinds()) {
  describe(`calls: live session Match? (${kind})`, { skip }, () => {
    let t: QueueTestApp;
    before(async () => {
      t = await createQueueTestApp(kind);
    });
    after(() => t?.close());
    afterEach(() => t.app.db.orm.execute(sql`UPDATE queue_tickets SET status = 'cancelled' WHERE status = 'waiting'`));

    it('the one live stage ends in an intermission for both; both yes → match, chat and notification for both', async () => {
      const { a, b, sessionId, stageEnded } = await toMatchQuestion(t);
      assert.equal(stageEnded[0].stage, 1);
      assert.equal(stageEnded[0].sessionId, sessionId);
      assert.equal(stageEnded[0].decisionEndsAt, stageEnded[1].decisionEndsAt, 'one window for both');

      const notes = both(a, b, 'notification');
      const ended = both(a, b, 'call:ended');
      await ok(t, a.socket, 'call:vote', { sessionId, stage: 1, proceed: true });
      await ok(t, b.socket, 'call:vote', { sessionId, stage: 1, proceed: true });
      const [endedA, endedB] = await ended;
      const { matchId, conversationId } = endedA;
      assert.ok(matchId && conversationId, 'the ending names the new match and its chat');
      assert.deepEqual(endedA, { sessionId, kind: 'live', reason: 'completed', conversationId, matchId });
      assert.deepEqual(endedB, endedA);

      const [noteA, noteB] = await notes;
      for (const [note, other] of [
        [noteA, b],
        [noteB, a],
      ] as const) {
        assert.equal(note.kind, 'match');
        assert.equal(note.href, `/chat/${conversationId}`);
        assert.deepEqual(note.data, { matchId, conversationId, userId: other.id });
        assert.ok(note.title && note.body && note.id && note.createdAt);
      }

      for (const [me, other] of [
        [a, b],
        [b, a],
      ] as const) {
        const list = await conversationsOf(t, me);
        assert.deepEqual(
          list.map((c) => [c.id, c.matchId, c.other.id]),
          [[conversationId, matchId, other.id]],
          'the chat is in both lists',
        );
      }
      const expected = ['call:matched', 'call:prepare', 'call:stage-started', 'call:stage-ended', 'call:peer-decided', 'call:ended'];
      assert.deepEqual(a.rec.names(), expected);
      assert.deepEqual(b.rec.names(), expected);
      const [row] = await t.app.db.orm.select().from(callSessions).where(eq(callSessions.id, sessionId));
      assert.deepEqual([row!.state, row!.endReason, row!.matchId, row!.conversationId], ['ended', 'completed', matchId, conversationId]);
      const consents = await listConsents(t.app.db.orm, sessionId);
      assert.deepEqual(
        consents.filter((c) => c.stage === 2).map((c) => c.proceed),
        [true, true],
        'both consents to the match are on record',
      );

      // Free again: a user whose live date ended in a match can queue at once.
      assert.equal((await ok(t, a.socket, 'queue:join', {})).status, 'waiting');
    });

    it('two people already matched keep their one match and chat', async () => {
      const [a, b] = [await queuer(t, 'pre'), await queuer(t, 'pre')];
      const [userA, userB] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
      const [match] = await t.app.db.orm.insert(matches).values({ userA, userB }).returning();
      const [chat] = await t.app.db.orm.insert(conversations).values({ matchId: match!.id }).returning();
      const sessionId = await pairLive(t, a, b);
      const started = both(a, b, 'call:stage-started');
      await ok(t, a.socket, 'call:ready', { sessionId, stage: 1 });
      await ok(t, b.socket, 'call:ready', { sessionId, stage: 1 });
      await started;
      await both(a, b, 'call:stage-ended');

      const ended = both(a, b, 'call:ended');
      const notes = both(a, b, 'notification');
      await ok(t, b.socket, 'call:vote', { sessionId, stage: 1, proceed: true });
      await ok(t, a.socket, 'call:vote', { sessionId, stage: 1, proceed: true });
      const [endedA] = await ended;
      assert.deepEqual([endedA.reason, endedA.matchId, endedA.conversationId], ['completed', match!.id, chat!.id]);
      assert.equal((await notes)[1].href, `/chat/${chat!.id}`);
      assert.deepEqual(
        (await conversationsOf(t, a)).map((c) => c.id),
        [chat!.id],
        'no second chat',
      );
    });

    it('one no → declined for both, no match, no notification, nobody told who', async () => {
      const { a, b, sessionId } = await toMatchQuestion(t);
      const notes = [...collect(a.socket, 'notification'), ...collect(b.socket, 'notification')];
      const ended = both(a, b, 'call:ended');
      await ok(t, a.socket, 'call:vote', { sessionId, stage: 1, proceed: false });
      await ok(t, b.socket, 'call:vote', { sessionId, stage: 1, proceed: true });
      const [endedA, endedB] = await ended;
      assert.deepEqual(endedA, { sessionId, kind: 'live', reason: 'declined', conversationId: null });
      assert.deepEqual(endedB, endedA, 'the same ending for both');
      assert.deepEqual(b.rec.first('call:peer-decided'), { sessionId, stage: 1 }, 'not what a decided');
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(notes, []);
      assert.deepEqual(await conversationsOf(t, a), []);
      assert.deepEqual(await conversationsOf(t, b), []);
    });

    it('the Match? window closing with a vote missing → decision-timeout, no match', async () => {
      const { a, b, sessionId } = await toMatchQuestion(t);
      const ended = both(a, b, 'call:ended', 4000);
      await ok(t, a.socket, 'call:vote', { sessionId, stage: 1, proceed: true });
      const [endedA, endedB] = await ended;
      assert.deepEqual(endedA, { sessionId, kind: 'live', reason: 'decision-timeout', conversationId: null });
      assert.deepEqual(endedB, endedA);
      assert.deepEqual(await conversationsOf(t, a), []);
      const late = await t.emit(b.socket, 'call:vote', { sessionId, stage: 1, proceed: true });
      assert.equal(!late.ok && late.error.code, 'wrong-state', 'a late yes changes nothing');
      assert.deepEqual(await conversationsOf(t, b), []);
    });
  });
}
