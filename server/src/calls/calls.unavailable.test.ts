/**
 * `call:unavailable`: a callee whose app cannot show calls tells the caller, and nothing else
 * changes (the invite keeps ringing, then times out as any unanswered call does).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collect, createTestApp, dbKinds, sleep, type TestApp, waitFor } from '../test-support/harness.ts';
import { callsTestModules, createCallPair, ok, person, TEST_ENV } from './calls.fixtures.ts';

for (const { kind, skip } of dbKinds()) {
  describe(`call:unavailable (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({
        dbKind: kind,
        modules: callsTestModules(),
        env: { ...TEST_ENV, FLINT_RING_TIMEOUT_S: '3' },
      });
    });
    after(() => t?.close());

    it('tells the caller (only), and the invite keeps ringing the callee until it times out', async () => {
      const pair = await createCallPair(t);
      const otherTab = await person(t, { id: pair.callee.id, token: pair.callee.token });
      const invited = waitFor(pair.callee.socket, 'call:invite');
      const { sessionId } = await ok(t, pair.caller.socket, 'call:request', { matchId: pair.matchId });
      await invited;
      const told = waitFor(pair.caller.socket, 'call:peer-unavailable');
      const calleeGot = collect(pair.callee.socket, 'call:peer-unavailable');
      assert.equal(await ok(t, pair.callee.socket, 'call:unavailable', { sessionId }), null);
      assert.deepEqual(await told, { sessionId });
      await sleep(100);
      assert.deepEqual(calleeGot, []);
      assert.ok(!otherTab.rec.names().includes('call:cancelled'));
      // Another tab of the callee can still answer it.
      const prepared = waitFor(pair.caller.socket, 'call:prepare');
      await ok(t, otherTab.socket, 'call:respond', { sessionId, accept: true });
      assert.equal((await prepared).sessionId, sessionId);
    });

    it('refuses the caller, strangers, a call no longer ringing and malformed payloads, changing nothing', async () => {
      const pair = await createCallPair(t);
      const stranger = await person(t, await t.createUser('stranger'));
      const invited = waitFor(pair.callee.socket, 'call:invite');
      const { sessionId } = await ok(t, pair.caller.socket, 'call:request', { matchId: pair.matchId });
      await invited;
      const callerGot = collect(pair.caller.socket, 'call:peer-unavailable');
      for (const socket of [pair.caller.socket, stranger.socket]) {
        const ack = await t.emit(socket, 'call:unavailable', { sessionId });
        assert.equal(ack.ok, false);
        if (!ack.ok) assert.equal(ack.error.code, 'forbidden');
      }
      const bad = await t.emit(pair.callee.socket, 'call:unavailable', { sessionId: 'nope', extra: 1 });
      assert.equal(!bad.ok && bad.error.code, 'invalid-payload');
      await ok(t, pair.callee.socket, 'call:respond', { sessionId, accept: false });
      const late = await t.emit(pair.callee.socket, 'call:unavailable', { sessionId });
      assert.equal(!late.ok && late.error.code, 'forbidden');
      await sleep(100);
      assert.deepEqual(callerGot, []);
    });
  });
}
