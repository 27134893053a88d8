/**
 * Calls across real networks, as the server sees them: the ICE settings each participant gets
 * (STUN, TURN REST credentials, the relay-only policy), their renewal for a call that outlives them
 * (`call:ice-servers`), and `call:media-failed`, which ends a running stage for both when a browser
 * finds no path to the other. Bad or late input gets a clear error and changes nothing.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { dbKinds, sleep, type TestApp, waitFor } from '../test-support/harness.ts';
import { type CallPair, connectCall, createCallPair, createCallsTestApp, ok, person, startStage } from './calls.fixtures.ts';

const ice = {
  stunUrls: ['stun:stun.example.test:3478'],
  turn: {
    urls: ['turn:turn.example.test:3478?transport=udp', 'turn:turn.example.test:3478?transport=tcp'],
    secret: 'lab-secret',
    ttlS: 600,
  },
  transportPolicy: 'relay' as const,
};
const code = (ack: { ok: boolean; error?: { code: string } }) => (ack.ok ? 'ok' : ack.error!.code);

for (const { kind, skip } of dbKinds()) {
  describe(`calls: real networks (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createCallsTestApp(kind, {
        env: { FLINT_STAGE_PLAN: 'audio:20,video:20', FLINT_DECISION_TIMEOUT_S: '20', FLINT_RECONNECT_GRACE_S: '20' },
        options: { ice },
      });
    });
    after(() => t?.close());

    async function activeCall(): Promise<{ pair: CallPair; sessionId: string }> {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      await startStage(t, pair, sessionId, 1);
      return { pair, sessionId };
    }

    it('call:prepare carries STUN, TURN credentials of the coturn REST scheme for that user, the policy and the expiry', async () => {
      const pair = await createCallPair(t);
      const prepared = waitFor(pair.callee.socket, 'call:prepare');
      const before = Date.now();
      await connectCall(t, pair);
      const prepare = await prepared;
      assert.equal(prepare.engine, 'webrtc');
      assert.equal(prepare.iceTransportPolicy, 'relay');
      const [stun, turn] = prepare.iceServers;
      assert.deepEqual(stun, { urls: ice.stunUrls });
      assert.deepEqual(turn!.urls, ice.turn.urls);
      const [expiry, userId] = turn!.username!.split(':');
      assert.equal(userId, pair.callee.id, 'the username names the participant');
      assert.ok(Number(expiry) * 1000 >= before + 600_000 - 1000, 'valid for the configured lifetime');
      assert.equal(turn!.credential, createHmac('sha1', ice.turn.secret).update(turn!.username!).digest('base64'));
      assert.equal(prepare.iceExpiresAt, new Date(Number(expiry) * 1000).toISOString());
    });

    it('call:ice-servers renews the credentials for a participant; strangers, ended calls and bad input are refused', async () => {
      const { pair, sessionId } = await activeCall();
      const first = pair.caller.rec.first('call:prepare')!;
      await sleep(1100); // the expiry has a resolution of one second
      const renewed = await ok(t, pair.caller.socket, 'call:ice-servers', { sessionId });
      assert.ok(renewed.iceExpiresAt! > first.iceExpiresAt!, 'a later expiry');
      assert.notEqual(renewed.iceServers[1]!.credential, first.iceServers[1]!.credential);
      assert.equal(renewed.iceServers[1]!.username!.endsWith(`:${pair.caller.id}`), true);
      assert.equal(renewed.iceTransportPolicy, 'relay');

      const stranger = await person(t, await t.createUser('stranger'));
      assert.equal(code(await t.emit(stranger.socket, 'call:ice-servers', { sessionId })), 'forbidden');
      assert.equal(code(await t.emit(pair.caller.socket, 'call:ice-servers', { sessionId: 'nope' })), 'invalid-payload');
      assert.equal(code(await t.emit(pair.caller.socket, 'call:ice-servers', { sessionId, extra: 1 })), 'invalid-payload');
      await ok(t, pair.caller.socket, 'call:leave', { sessionId });
      assert.equal(code(await t.emit(pair.caller.socket, 'call:ice-servers', { sessionId })), 'wrong-state');
    });

    it('call:media-failed in a running stage ends the session media-failed for both', async () => {
      const { pair, sessionId } = await activeCall();
      const ended = Promise.all([waitFor(pair.caller.socket, 'call:ended'), waitFor(pair.callee.socket, 'call:ended')]);
      await ok(t, pair.callee.socket, 'call:media-failed', { sessionId, stage: 1 });
      for (const payload of await ended) {
        assert.deepEqual(payload, { sessionId, kind: 'staged', reason: 'media-failed', conversationId: pair.conversationId });
      }
      assert.equal(await ok(t, pair.caller.socket, 'call:resume', {}), null, 'nothing left to resume');
      assert.equal(code(await t.emit(pair.caller.socket, 'call:media-failed', { sessionId, stage: 1 })), 'wrong-state', 'too late');
    });

    it('call:media-failed from a stranger, for another stage, before the stage runs, while the peer is away, or malformed changes nothing', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      assert.equal(code(await t.emit(pair.caller.socket, 'call:media-failed', { sessionId, stage: 1 })), 'wrong-state', 'still preparing');
      await startStage(t, pair, sessionId, 1);
      const stranger = await person(t, await t.createUser('stranger'));
      assert.equal(code(await t.emit(stranger.socket, 'call:media-failed', { sessionId, stage: 1 })), 'forbidden');
      assert.equal(code(await t.emit(pair.caller.socket, 'call:media-failed', { sessionId, stage: 2 })), 'wrong-state');
      for (const bad of [{ sessionId, stage: 0 }, { sessionId }, { sessionId, stage: 1, reason: 'x' }]) {
        assert.equal(code(await t.emit(pair.caller.socket, 'call:media-failed', bad)), 'invalid-payload', JSON.stringify(bad));
      }
      const away = waitFor(pair.caller.socket, 'call:peer-state');
      pair.callee.socket.disconnect();
      assert.equal((await away).connected, false);
      assert.equal(code(await t.emit(pair.caller.socket, 'call:media-failed', { sessionId, stage: 1 })), 'wrong-state', 'peer away');
      await sleep(100);
      assert.equal(pair.caller.rec.names().includes('call:ended'), false, 'the call goes on');
      const view = await ok(t, pair.caller.socket, 'call:resume', {});
      assert.equal(view?.state, 'active');
      await ok(t, pair.caller.socket, 'call:leave', { sessionId });
    });
  });
}
