/**
 * Who may do what to a call, and what bad or late input gets: only participants act, a stranger's
 * attempt is refused and the participants receive nothing, relays reach only the other participant,
 * invalid payloads change nothing, repeats are idempotent and late events are `wrong-state`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dbKinds, sleep, type TestApp, waitFor } from '../test-support/harness.ts';
import { connectCall, createCallPair, createCallsTestApp, ok, person, startStage } from './calls.fixtures.ts';

for (const { kind, skip } of dbKinds()) {
  describe(`calls: guards (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      // Stages long enough that nothing ends on its own while a test pokes at them.
      t = await createCallsTestApp(kind, { env: { FLINT_STAGE_PLAN: 'audio:20,video:20', FLINT_DECISION_TIMEOUT_S: '20' } });
    });
    after(() => t?.close());

    const code = (ack: { ok: boolean; error?: { code: string } }) => (ack.ok ? 'ok' : ack.error!.code);

    it('a third user cannot signal, vote, ready, resume, leave, answer or report into a call; the pair receives nothing', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      await startStage(t, pair, sessionId, 1);
      const stranger = await person(t, await t.createUser('stranger'));
      const seen = [pair.caller.rec.events.length, pair.callee.rec.events.length];
      const attempts: Array<[string, object]> = [
        ['call:signal', { sessionId, data: { sdp: 'x' } }],
        ['call:media', { sessionId, audio: false, video: false }],
        ['call:vote', { sessionId, stage: 1, proceed: false }],
        ['call:ready', { sessionId, stage: 1 }],
        ['call:resume', { sessionId }],
        ['call:leave', { sessionId }],
        ['call:respond', { sessionId, accept: false }],
        ['call:device-failed', { sessionId, stage: 1, reason: 'no-device' }],
      ];
      for (const [event, payload] of attempts) {
        assert.equal(code(await t.emit(stranger.socket, event, payload)), 'forbidden', event);
      }
      await sleep(200);
      assert.deepEqual([pair.caller.rec.events.length, pair.callee.rec.events.length], seen, 'the pair received nothing');
      const view = await ok(t, pair.caller.socket, 'call:resume', {});
      assert.ok(view, 'a session to resume');
      assert.equal(view.state, 'active', 'the call carries on untouched');
      await ok(t, pair.caller.socket, 'call:leave', { sessionId });
    });

    it('nobody can call into a match that is not theirs, or a match that does not exist', async () => {
      const pair = await createCallPair(t);
      const stranger = await person(t, await t.createUser('stranger'));
      assert.equal(code(await t.emit(stranger.socket, 'call:request', { matchId: pair.matchId })), 'forbidden');
      assert.equal(code(await t.emit(stranger.socket, 'call:request', { matchId: crypto.randomUUID() })), 'not-found');
      assert.equal(pair.callee.rec.events.length, 0);
    });

    it('call:signal and call:media reach only the other participant, and only once the call is answered', async () => {
      const pair = await createCallPair(t);
      const { sessionId } = await ok(t, pair.caller.socket, 'call:request', { matchId: pair.matchId });
      assert.equal(code(await t.emit(pair.caller.socket, 'call:signal', { sessionId, data: { sdp: 'early' } })), 'wrong-state');
      const callerTab2 = await person(t, pair.caller);
      const prepared = waitFor(pair.caller.socket, 'call:prepare');
      await ok(t, pair.callee.socket, 'call:respond', { sessionId, accept: true });
      await prepared;
      const signal = waitFor(pair.callee.socket, 'call:signal');
      await ok(t, pair.caller.socket, 'call:signal', { sessionId, data: { description: { type: 'offer', sdp: 'v=0' } } });
      assert.deepEqual(await signal, { sessionId, data: { description: { type: 'offer', sdp: 'v=0' } } });
      const peerState = waitFor(pair.caller.socket, 'call:peer-state');
      await ok(t, pair.callee.socket, 'call:media', { sessionId, audio: false, video: true });
      assert.deepEqual(await peerState, { sessionId, connected: true, audio: false, video: true });
      await sleep(100);
      assert.equal(pair.caller.rec.names().includes('call:signal'), false, 'the sender does not get its own signal');
      assert.equal(callerTab2.rec.names().includes('call:signal'), false);
      assert.equal(pair.callee.rec.names().includes('call:peer-state'), false);
      await ok(t, pair.caller.socket, 'call:leave', { sessionId });
      assert.equal(code(await t.emit(pair.caller.socket, 'call:signal', { sessionId, data: {} })), 'wrong-state');
    });

    it('a burst of signals reaches the peer in the order it was sent', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      const got: number[] = [];
      pair.callee.socket.on('call:signal', (p: { data: { n: number } }) => got.push(p.data.n));
      const sent = Array.from({ length: 40 }, (_, n) => n);
      // Fire and forget, as fast as a browser gathering candidates: nothing waits for an ack.
      for (const n of sent) pair.caller.socket.emit('call:signal', { sessionId, data: { n } });
      for (let i = 0; i < 100 && got.length < sent.length; i++) await sleep(50);
      assert.deepEqual(got, sent);
      await ok(t, pair.caller.socket, 'call:leave', { sessionId });
    });

    it('invalid payloads get invalid-payload and change nothing', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      const bad: Array<[string, unknown]> = [
        ['call:request', { matchId: 'not-a-uuid' }],
        ['call:request', {}],
        ['call:respond', { sessionId, accept: 'yes' }],
        ['call:ready', { sessionId, stage: 0 }],
        ['call:ready', { sessionId, stage: 1, extra: true }],
        ['call:vote', { sessionId, stage: 1 }],
        ['call:device-failed', { sessionId, stage: 1, reason: 'on-fire' }],
        ['call:signal', { sessionId, data: { blob: 'x'.repeat(20_000) } }],
        ['call:signal', { sessionId, data: 'string' }],
        ['call:resume', { sessionId: 42 }],
        ['call:leave', null],
      ];
      for (const [event, payload] of bad) {
        assert.equal(
          code(await t.emit(pair.caller.socket, event, payload)),
          'invalid-payload',
          `${event} ${JSON.stringify(payload)?.slice(0, 60)}`,
        );
      }
      const view = await ok(t, pair.caller.socket, 'call:resume', {});
      assert.ok(view, 'a session to resume');
      assert.equal(view.state, 'preparing');
      assert.equal(view.stage, 1);
      await startStage(t, pair, sessionId, 1);
      await ok(t, pair.caller.socket, 'call:leave', { sessionId });
    });

    it('repeats are idempotent and late events are wrong-state', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      assert.equal(code(await t.emit(pair.caller.socket, 'call:ready', { sessionId, stage: 2 })), 'wrong-state', 'stage 2 is not prepared');
      await ok(t, pair.caller.socket, 'call:ready', { sessionId, stage: 1 });
      await ok(t, pair.caller.socket, 'call:ready', { sessionId, stage: 1 });
      assert.equal(
        code(await t.emit(pair.caller.socket, 'call:vote', { sessionId, stage: 1, proceed: true })),
        'wrong-state',
        'no decision yet',
      );
      const started = waitFor(pair.caller.socket, 'call:stage-started');
      await ok(t, pair.callee.socket, 'call:ready', { sessionId, stage: 1 });
      await started;
      assert.equal(pair.caller.rec.names().filter((n) => n === 'call:stage-started').length, 1, 'started once');
      assert.equal(code(await t.emit(pair.callee.socket, 'call:respond', { sessionId, accept: true })), 'wrong-state');
      await ok(t, pair.caller.socket, 'call:leave', { sessionId });
      assert.equal(code(await t.emit(pair.caller.socket, 'call:ready', { sessionId, stage: 1 })), 'wrong-state', 'ended');
      assert.equal(code(await t.emit(pair.caller.socket, 'call:vote', { sessionId, stage: 1, proceed: true })), 'wrong-state');
      assert.equal(code(await t.emit(pair.caller.socket, 'call:ready', { sessionId: crypto.randomUUID(), stage: 1 })), 'not-found');
    });
  });
}
