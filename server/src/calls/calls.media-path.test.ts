/**
 * A media path that drops mid-stage (a link down; the sockets stay up): `call:media-path` pauses the
 * stage clock as a disconnect does, and its return runs it on, both told the shifted end. Real app,
 * real socket.io clients.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dbKinds, sleep, type TestApp, waitFor } from '../test-support/harness.ts';
import { connectCall, createCallPair, createCallsTestApp, ok, startStage } from './calls.fixtures.ts';

for (const { kind, skip } of dbKinds()) {
  describe(`calls: a media path lost and back (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createCallsTestApp(kind, { env: { FLINT_STAGE_PLAN: 'audio:1.5,video:1' } });
    });
    after(() => t?.close());

    it('down pauses the stage clock; up runs it on from where it stopped and tells both', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      const [first] = await startStage(t, pair, sessionId, 1);
      await ok(t, pair.callee.socket, 'call:media-path', { sessionId, stage: 1, up: false });
      await ok(t, pair.caller.socket, 'call:media-path', { sessionId, stage: 1, up: false }); // both see it: no change
      await sleep(2000); // longer than the whole stage: only a paused clock explains no stage-ended
      assert.equal(pair.callee.rec.names().includes('call:stage-ended'), false, 'the stage is paused');

      const shifted = Promise.all([waitFor(pair.caller.socket, 'call:stage-started'), waitFor(pair.callee.socket, 'call:stage-started')]);
      await ok(t, pair.caller.socket, 'call:media-path', { sessionId, stage: 1, up: true });
      const [a, b] = await shifted;
      assert.equal(a.endsAt, b.endsAt, 'both told the same end');
      assert.ok(Date.parse(a.endsAt) - Date.parse(first.endsAt) >= 1900, 'endsAt moved by the pause');
      await Promise.all([waitFor(pair.caller.socket, 'call:stage-ended'), waitFor(pair.callee.socket, 'call:stage-ended')]);
      await ok(t, pair.caller.socket, 'call:leave', { sessionId });
    });
  });
}
