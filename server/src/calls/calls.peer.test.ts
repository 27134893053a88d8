/** Names: call:prepare (and the resume view's prepare) carries the other person's public profile. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dbKinds, type TestApp, waitFor } from '../test-support/harness.ts';
import { createCallPair, createCallsTestApp, ok } from './calls.fixtures.ts';

for (const { kind, skip } of dbKinds()) {
  describe(`calls: who is on the other side (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createCallsTestApp(kind, { env: { FLINT_STAGE_PLAN: 'audio:30,video:30' } });
    });
    after(() => t?.close());

    it('each side’s call:prepare names the other (so does a resumed view); a side’s mute is kept for the resume view', async () => {
      const pair = await createCallPair(t);
      const invited = waitFor(pair.callee.socket, 'call:invite');
      const { sessionId } = await ok(t, pair.caller.socket, 'call:request', { matchId: pair.matchId });
      await invited;
      const prepared = Promise.all([waitFor(pair.caller.socket, 'call:prepare'), waitFor(pair.callee.socket, 'call:prepare')]);
      await ok(t, pair.callee.socket, 'call:respond', { sessionId, accept: true });
      const [forCaller, forCallee] = await prepared;
      assert.equal(forCaller.peer?.id, pair.callee.id, 'the caller learns who answered');
      assert.equal(forCallee.peer?.id, pair.caller.id);
      assert.equal(typeof forCaller.peer?.displayName, 'string');
      assert.equal(Object.hasOwn(forCaller.peer ?? {}, 'token'), false, 'a public profile only');
      const view = await ok(t, pair.caller.socket, 'call:resume', {});
      assert.equal(view?.prepare?.peer?.id, pair.callee.id);
      assert.deepEqual(view?.peerMedia, { audio: true, video: true }, 'nothing said yet: on');

      // The callee mutes: relayed at once, and kept with the session for a resume.
      const told = waitFor(pair.caller.socket, 'call:peer-state');
      await ok(t, pair.callee.socket, 'call:media', { sessionId, audio: false, video: true });
      assert.deepEqual(await told, { sessionId, connected: true, audio: false, video: true });
      assert.deepEqual((await ok(t, pair.caller.socket, 'call:resume', {}))?.peerMedia, { audio: false, video: true });
      assert.deepEqual((await ok(t, pair.callee.socket, 'call:resume', {}))?.peerMedia, { audio: true, video: true }, 'per side');
      await ok(t, pair.caller.socket, 'call:leave', { sessionId });
    });
  });
}
