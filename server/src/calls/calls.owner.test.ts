/**
 * One tab owns the call: the server records the browser tab (handshake `tab`) that started or
 * accepted each side, answers another tab's call:resume `elsewhere` without changing anything,
 * refuses its stage actions and relays, counts the side gone only when the owning tab is, and
 * lets another tab take over once it is gone.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PROTOCOL_VERSION } from '@flint/shared';
import { dbKinds, sleep, type TestApp, waitFor } from '../test-support/harness.ts';
import { type CallPair, connectCall, createCallPair, createCallsTestApp, ok, type Person, record, startStage } from './calls.fixtures.ts';

/** Another socket of `who` from browser tab `tab`. */
async function tabOf(t: TestApp, who: { id: string; token: string }, tab: string): Promise<Person> {
  const socket = await t.connect(who.token, { auth: { token: who.token, protocol: PROTOCOL_VERSION, tab } });
  return { id: who.id, token: who.token, socket, rec: record(socket) };
}

/** A pair whose caller's socket is tab `callerTab`, in a running stage 1. */
async function runningCall(t: TestApp, callerTab: string): Promise<{ pair: CallPair; sessionId: string; first: Person }> {
  const created = await createCallPair(t);
  created.caller.socket.disconnect();
  const first = await tabOf(t, created.caller, callerTab);
  const pair = { ...created, caller: first };
  const sessionId = await connectCall(t, pair);
  await startStage(t, pair, sessionId, 1);
  return { pair, sessionId, first };
}

for (const { kind, skip } of dbKinds()) {
  describe(`calls: one tab owns the call (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createCallsTestApp(kind, { env: { FLINT_STAGE_PLAN: 'audio:30,video:30', FLINT_RECONNECT_GRACE_S: '5' } });
    });
    after(() => t?.close());

    it("another tab's resume is told `elsewhere`, and its stage actions and relays are refused without reaching the peer", async () => {
      const { pair, sessionId, first } = await runningCall(t, randomUUID());
      const third = await tabOf(t, pair.caller, randomUUID());
      const view = await ok(t, third.socket, 'call:resume', {});
      assert.equal(view?.sessionId, sessionId);
      assert.equal(view?.elsewhere, true, 'a spectator');
      assert.equal(view?.state, 'active');
      assert.equal(third.rec.names().includes('call:prepare'), false, 'no gate for the spectator');

      for (const [event, payload] of [
        ['call:ready', { sessionId, stage: 1 }],
        ['call:vote', { sessionId, stage: 1, proceed: true }],
        ['call:device-failed', { sessionId, stage: 1, reason: 'no-device' }],
        ['call:leave', { sessionId }],
        ['call:signal', { sessionId, data: { description: { type: 'offer', sdp: 'x' } } }],
        ['call:media', { sessionId, audio: false, video: false }],
        ['call:media-path', { sessionId, stage: 1, up: false }],
      ] as const) {
        const ack = await t.emit(third.socket, event, payload);
        assert.equal(ack.ok, false, `${event} refused`);
        if (!ack.ok) assert.equal(ack.error.code, 'wrong-state', event);
      }
      await sleep(200);
      assert.deepEqual(
        pair.callee.rec.names().filter((n) => n === 'call:signal' || n === 'call:peer-state' || n === 'call:ended'),
        [],
        'the peer heard nothing from the spectator',
      );

      // The owner still runs the call: its relays reach the peer, and its own resume is `mine`.
      const signal = waitFor(pair.callee.socket, 'call:signal');
      await ok(t, first.socket, 'call:signal', { sessionId, data: { description: { type: 'offer', sdp: 'y' } } });
      assert.deepEqual((await signal).data, { description: { type: 'offer', sdp: 'y' } });
      assert.equal((await ok(t, first.socket, 'call:resume', {}))?.elsewhere, undefined);
      await ok(t, first.socket, 'call:leave', { sessionId });
    });

    it('the owning tab reconnecting (a new socket, the same tab) is still the owner', async () => {
      const tab = randomUUID();
      const { pair, sessionId, first } = await runningCall(t, tab);
      const spectator = await tabOf(t, pair.caller, randomUUID());
      const again = await tabOf(t, pair.caller, tab);
      first.socket.disconnect();
      const view = await ok(t, again.socket, 'call:resume', {});
      assert.equal(view?.elsewhere, undefined, 'the same tab rejoins');
      assert.equal((await ok(t, spectator.socket, 'call:resume', {}))?.elsewhere, true);
      await ok(t, again.socket, 'call:leave', { sessionId });
    });

    it('the side is gone when its owning tab is, even with another tab open; that tab may then take over', async () => {
      const { pair, sessionId, first } = await runningCall(t, randomUUID());
      const other = await tabOf(t, pair.caller, randomUUID());
      assert.equal((await ok(t, other.socket, 'call:resume', {}))?.elsewhere, true);

      const lost = waitFor(pair.callee.socket, 'call:peer-state');
      first.socket.disconnect();
      assert.deepEqual(await lost, { sessionId, connected: false }, 'the peer is told although another tab is open');

      const back = waitFor(pair.callee.socket, 'call:peer-state');
      const view = await ok(t, other.socket, 'call:resume', {});
      assert.equal(view?.elsewhere, undefined, 'took over');
      assert.deepEqual(await back, { sessionId, connected: true });
      await ok(t, other.socket, 'call:ready', { sessionId, stage: 1 });
      await ok(t, other.socket, 'call:leave', { sessionId });
    });

    it('while the invite rings any tab may answer; the one that accepts owns the call', async () => {
      const pair = await createCallPair(t);
      const first = await tabOf(t, pair.callee, randomUUID());
      const second = await tabOf(t, pair.callee, randomUUID());
      const invited = waitFor(second.socket, 'call:invite');
      const { sessionId } = await ok(t, pair.caller.socket, 'call:request', { matchId: pair.matchId });
      await invited;
      assert.equal((await ok(t, first.socket, 'call:resume', {}))?.elsewhere, undefined, 'ringing: no owner yet');
      await ok(t, second.socket, 'call:respond', { sessionId, accept: true });
      assert.equal((await ok(t, first.socket, 'call:resume', {}))?.elsewhere, true, 'the accepting tab owns it');
      const refused = await t.emit(first.socket, 'call:ready', { sessionId, stage: 1 });
      assert.equal(refused.ok, false);
      await ok(t, second.socket, 'call:ready', { sessionId, stage: 1 });
      await ok(t, second.socket, 'call:leave', { sessionId });
    });
  });
}
