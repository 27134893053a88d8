/**
 * Leaving is visible and every date leaves a trace (issue 10): `call:leaving` tells the peer at once
 * and shrinks the grace (a reload within it resumes); `call:gate` tells the peer a gate is being
 * fixed; a missed call notifies the callee; every ended date writes one history row and one system
 * line in the conversation, pushed to both.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CallHistoryEntry, ChatMessage } from '@flint/shared';
import { eq } from 'drizzle-orm';
import { authModule } from '../auth/auth.routes.ts';
import { chatModule } from '../chat/chat.handlers.ts';
import { appendSystemLine } from '../chat/chat.service.ts';
import { blocks, messages } from '../db/schema.ts';
import { createTestApp, dbKinds, sleep, type TestApp, waitFor } from '../test-support/harness.ts';
import { type CallPair, connectCall, createCallPair, ok, person, startStage, TEST_ENV } from './calls.fixtures.ts';
import { installCalls } from './calls.handlers.ts';
import { callHistory } from './calls.tables.ts';

const ENV = { ...TEST_ENV, FLINT_STAGE_PLAN: 'audio:30,video:30', FLINT_RECONNECT_GRACE_S: '30', FLINT_LEAVE_GRACE_S: '1.5' };

const linesOf = (t: TestApp, conversationId: string) =>
  t.app.db.orm.select().from(messages).where(eq(messages.conversationId, conversationId));

/** The caller's page closes: `call:leaving`, then its socket goes. */
async function closeCallerPage(t: TestApp, pair: CallPair, sessionId: string) {
  const told = waitFor(pair.callee.socket, 'call:peer-state');
  await ok(t, pair.caller.socket, 'call:leaving', { sessionId });
  pair.caller.socket.disconnect();
  return told;
}

for (const { kind, skip } of dbKinds()) {
  describe(`calls: leaving and history (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({
        dbKind: kind,
        modules: [authModule, chatModule, (ctx) => installCalls(ctx, { prepareTimeoutS: 60 })],
        env: ENV,
      });
    });
    after(() => t?.close());

    it('a closed page: the peer hears "left" at once; after the leave grace (not the reconnect grace) peer-disconnected for both', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      await startStage(t, pair, sessionId, 1);
      const started = Date.now();
      const told = await closeCallerPage(t, pair, sessionId);
      assert.deepEqual(told, { sessionId, connected: false, left: true });
      const ended = await waitFor(pair.callee.socket, 'call:ended');
      const waited = Date.now() - started;
      assert.equal(ended.reason, 'peer-disconnected');
      assert.ok(waited >= 1400, `not before the leave grace (${waited} ms)`);
      assert.ok(waited < 10_000, `long before the 30 s reconnect grace (${waited} ms)`);
    });

    it('a reload within the leave grace resumes the call, and the peer sees them back', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      await startStage(t, pair, sessionId, 1);
      await closeCallerPage(t, pair, sessionId);
      const back = await person(t, pair.caller);
      const seen = waitFor(pair.callee.socket, 'call:peer-state');
      const view = await ok(t, back.socket, 'call:resume', {});
      assert.equal(view?.sessionId, sessionId);
      assert.equal(view?.state, 'active');
      assert.deepEqual(await seen, { sessionId, connected: true });
      await sleep(2500); // past the leave grace: nothing ends
      assert.equal(pair.callee.rec.names().includes('call:ended'), false);
      // A plain drop now gets the full reconnect grace again (the leave was forgotten on resume).
      back.socket.disconnect();
      await sleep(2500);
      assert.equal(pair.callee.rec.names().includes('call:ended'), false);
      await ok(t, pair.callee.socket, 'call:leave', { sessionId });
    });

    it('"fixing their camera": a failed gate is relayed with its deadline, and cleared when it passes', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      const told = waitFor(pair.caller.socket, 'call:peer-state');
      const before = Date.now();
      await ok(t, pair.callee.socket, 'call:gate', { sessionId, stage: 1, reason: 'permission-denied', endsInMs: 20_000 });
      const failing = await told;
      assert.equal(failing.connected, true);
      assert.equal(failing.gate?.reason, 'permission-denied');
      assert.equal(failing.gate?.stage, 1);
      const left = Date.parse(failing.gate!.endsAt) - before;
      assert.ok(left > 18_000 && left <= 21_000, `its own budget, within the server deadline (${left} ms)`);
      // A budget beyond the server's gate deadline (60 s) is capped by it.
      const capped = waitFor(pair.caller.socket, 'call:peer-state');
      await ok(t, pair.callee.socket, 'call:gate', { sessionId, stage: 1, reason: 'no-device', endsInMs: 500_000 });
      assert.ok(Date.parse((await capped).gate!.endsAt) - Date.now() <= 60_000);
      const cleared = waitFor(pair.caller.socket, 'call:peer-state');
      await ok(t, pair.callee.socket, 'call:ready', { sessionId, stage: 1 });
      assert.deepEqual(await cleared, { sessionId, connected: true, gate: null });
      const late = await t.emit(pair.callee.socket, 'call:gate', { sessionId, stage: 1, reason: 'no-device', endsInMs: 1000 });
      assert.equal(late.ok ? 'ok' : late.error.code, 'wrong-state', 'a gate that passed cannot fail again');
      await ok(t, pair.caller.socket, 'call:leave', { sessionId });
    });

    it('a missed call (ring timeout): a call-missed notification for the callee and one "missed" line for both', async () => {
      const pair = await createCallPair(t);
      const lines = [waitFor(pair.caller.socket, 'chat:message'), waitFor(pair.callee.socket, 'chat:message')];
      const note = waitFor(pair.callee.socket, 'notification');
      const { sessionId } = await ok(t, pair.caller.socket, 'call:request', { matchId: pair.matchId });
      const n = await note;
      assert.equal(n.kind, 'call-missed');
      assert.deepEqual(n.data, { sessionId, conversationId: pair.conversationId, callerId: pair.caller.id });
      assert.equal(n.title, '', 'no English from the server: the app words it');
      const [a, b] = (await Promise.all(lines)) as ChatMessage[];
      assert.deepEqual(a, b);
      assert.deepEqual(a!.system, { type: 'call-missed', sessionId, callerId: pair.caller.id });
      assert.equal(a!.body, '');
      const page = await ok(t, pair.callee.socket, 'chat:history', { conversationId: pair.conversationId });
      assert.deepEqual(page.messages, [a], 'synced like any message');
      const [row] = await t.app.db.orm.select().from(callHistory).where(eq(callHistory.sessionId, sessionId));
      assert.equal(row?.endReason, 'ring-timeout');
      assert.equal(row?.answeredAt, null);
      assert.equal(row?.stagesReached, 0);
    });

    it('cancelled before an answer is a missed call too', async () => {
      const pair = await createCallPair(t);
      const note = waitFor(pair.callee.socket, 'notification');
      const line = waitFor(pair.callee.socket, 'chat:message');
      const invited = waitFor(pair.callee.socket, 'call:invite');
      const { sessionId } = await ok(t, pair.caller.socket, 'call:request', { matchId: pair.matchId });
      await invited;
      await ok(t, pair.caller.socket, 'call:leave', { sessionId });
      assert.equal((await note).kind, 'call-missed');
      assert.equal((await line).system?.type, 'call-missed');
    });

    it('a declined call is not missed: a line that says so, no notification', async () => {
      const pair = await createCallPair(t);
      const invited = waitFor(pair.callee.socket, 'call:invite');
      const line = waitFor(pair.caller.socket, 'chat:message');
      const { sessionId } = await ok(t, pair.caller.socket, 'call:request', { matchId: pair.matchId });
      await invited;
      await ok(t, pair.callee.socket, 'call:respond', { sessionId, accept: false });
      const l = await line;
      assert.deepEqual(l.system, { type: 'call-ended', sessionId, stagesReached: 0, stages: 2, durationS: 0, reason: 'declined' });
      await sleep(200);
      assert.equal(pair.callee.rec.names().includes('notification'), false);
    });

    it('an ended date: one line (stages reached, duration) for both, one history row, and GET /api/calls/history without blocked people', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      await startStage(t, pair, sessionId, 1);
      await sleep(1100);
      const lines = [waitFor(pair.caller.socket, 'chat:message'), waitFor(pair.callee.socket, 'chat:message')];
      // Both hang up at once: one of them ends it, the other is a harmless repeat; one line.
      await Promise.all([ok(t, pair.caller.socket, 'call:leave', { sessionId }), ok(t, pair.callee.socket, 'call:leave', { sessionId })]);
      const [line] = await Promise.all(lines);
      assert.equal(line!.system?.type, 'call-ended');
      if (line!.system?.type !== 'call-ended') return;
      assert.equal(line!.system.stagesReached, 1);
      assert.equal(line!.system.reason, 'hung-up');
      assert.ok(line!.system.durationS >= 1, `duration ${line!.system.durationS} s`);
      await sleep(200);
      assert.equal((await linesOf(t, pair.conversationId)).length, 1, 'one line per session');

      const mine = await t.api<CallHistoryEntry[]>('GET', '/api/calls/history', { token: pair.callee.token });
      assert.equal(mine.status, 200);
      const entry = mine.body.find((e) => e.sessionId === sessionId);
      assert.ok(entry, 'the date is in the history');
      assert.equal(entry.peer.id, pair.caller.id);
      assert.equal(entry.outgoing, false);
      assert.equal(entry.missed, false);
      assert.equal(entry.stagesReached, 1);
      assert.ok(entry.answeredAt && Date.parse(entry.endedAt) > Date.parse(entry.answeredAt));
      const theirs = await t.api<CallHistoryEntry[]>('GET', '/api/calls/history', { token: pair.caller.token });
      assert.equal(theirs.body.find((e) => e.sessionId === sessionId)?.outgoing, true);

      await t.app.db.orm.insert(blocks).values({ blockerId: pair.callee.id, blockedId: pair.caller.id });
      const afterBlock = await t.api<CallHistoryEntry[]>('GET', '/api/calls/history', { token: pair.caller.token });
      assert.equal(
        afterBlock.body.some((e) => e.sessionId === sessionId),
        false,
        'blocked either way: left out',
      );
      assert.equal((await t.api('GET', '/api/calls/history')).status, 401);
    });

    it("a session's line is written once, whoever writes it again", async () => {
      const pair = await createCallPair(t);
      const line = { type: 'call-missed', sessionId: crypto.randomUUID(), callerId: pair.caller.id } as const;
      const write = () => t.app.db.orm.transaction((tx) => appendSystemLine(tx, pair.conversationId, pair.caller.id, line));
      assert.ok(await write());
      assert.equal(await write(), null);
      assert.equal((await linesOf(t, pair.conversationId)).length, 1);
      // A client cannot take the line's key first: its clientId has a character no client may send.
      const ack = await t.emit(pair.caller.socket, 'chat:send', {
        conversationId: pair.conversationId,
        clientId: `call ${line.sessionId}`,
        body: 'x',
      });
      assert.equal(ack.ok ? 'ok' : ack.error.code, 'invalid-payload');
    });
  });
}
