/**
 * Call quality as the server sees it (`call:quality`): a sample from the tab that owns a side, in
 * the running stage, is counted per participant and stage and its level relayed to the other side
 * only (`call:peer-quality`); the admin summary counts samples per level per stage. Anything else
 * (malformed or out-of-range figures, a stranger, another tab, the wrong stage, a flood) gets a
 * clear error, stores nothing and tells nobody.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PROTOCOL_VERSION, type QualitySummary } from '@flint/shared';
import { adminModule } from '../admin/admin.routes.ts';
import { createTestApp, dbKinds, sleep, type TestApp, waitFor } from '../test-support/harness.ts';
import { type CallPair, callsTestModules, connectCall, createCallPair, ok, person, startStage, TEST_ENV } from './calls.fixtures.ts';
import { qualityOf } from './calls.quality.repository.ts';

const sample = (sessionId: string, over: Record<string, unknown> = {}) => ({
  sessionId,
  stage: 1,
  level: 'poor',
  rttMs: 612,
  lossPct: 6.5,
  jitterMs: 41,
  fps: null,
  videoStep: 0,
  ...over,
});
const code = (ack: { ok: boolean; error?: { code: string } }) => (ack.ok ? 'ok' : ack.error!.code);
const peerQuality = (rec: { events: Array<[string, unknown]> }) => rec.events.filter(([e]) => e === 'call:peer-quality').map(([, p]) => p);

for (const { kind, skip } of dbKinds()) {
  describe(`calls: quality samples (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({
        dbKind: kind,
        modules: [...callsTestModules(), adminModule],
        env: { ...TEST_ENV, FLINT_STAGE_PLAN: 'audio:30,video:30', FLINT_RECONNECT_GRACE_S: '20', FLINT_DECISION_TIMEOUT_S: '20' },
      });
    });
    after(() => t?.close());

    /** A pair in a running stage 1; the caller's socket is browser tab `tab` (its handshake says so). */
    async function running(tab = randomUUID()): Promise<{ pair: CallPair; sessionId: string }> {
      const created = await createCallPair(t);
      created.caller.socket.disconnect();
      const caller = await person(t, created.caller, { auth: { token: created.caller.token, protocol: PROTOCOL_VERSION, tab } });
      const pair = { ...created, caller };
      const sessionId = await connectCall(t, pair);
      await startStage(t, pair, sessionId, 1);
      return { pair, sessionId };
    }

    it('a sample in the running stage is stored per participant and stage and its level relayed to the other side only', async () => {
      const { pair, sessionId } = await running();
      const heard = waitFor(pair.callee.socket, 'call:peer-quality');
      assert.equal(await ok(t, pair.caller.socket, 'call:quality', sample(sessionId) as never), null);
      assert.deepEqual(await heard, { sessionId, stage: 1, level: 'poor' });
      await ok(
        t,
        pair.caller.socket,
        'call:quality',
        sample(sessionId, { level: 'good', rttMs: 40, lossPct: 0, jitterMs: 3, videoStep: 2 }) as never,
      );
      await ok(t, pair.callee.socket, 'call:quality', sample(sessionId, { level: 'fair' }) as never);
      await sleep(100);
      assert.deepEqual(peerQuality(pair.caller.rec), [{ sessionId, stage: 1, level: 'fair' }], "the caller hears only the callee's level");
      assert.deepEqual(await qualityOf(t.app.db.orm, sessionId, pair.caller.id, 1), {
        samples: { good: 1, fair: 0, poor: 1, lost: 0 },
        lastLevel: 'good',
        rttMs: 40,
        lossPct: 0,
        jitterMs: 3,
        fps: null,
        videoStep: 2,
        maxVideoStep: 2,
      });
      assert.deepEqual((await qualityOf(t.app.db.orm, sessionId, pair.callee.id, 1))?.samples, { good: 0, fair: 1, poor: 0, lost: 0 });
      assert.equal(await qualityOf(t.app.db.orm, sessionId, pair.caller.id, 2), null, 'nothing for a stage that did not run');
    });

    it('malformed or out-of-range samples, strangers, other tabs and the wrong stage are refused; nothing stored, nobody told', async () => {
      const { pair, sessionId } = await running();
      const stranger = await person(t, await t.createUser('stranger'));
      const otherTab = await t.connect(pair.caller.token, {
        auth: { token: pair.caller.token, protocol: PROTOCOL_VERSION, tab: randomUUID() },
      });
      const cases: Array<[string, unknown, string, 'caller' | 'stranger']> = [
        ['loss above 100 %', sample(sessionId, { lossPct: 150 }), 'invalid-payload', 'caller'],
        ['a negative round trip', sample(sessionId, { rttMs: -1 }), 'invalid-payload', 'caller'],
        ['a round trip beyond a minute', sample(sessionId, { rttMs: 600_000 }), 'invalid-payload', 'caller'],
        ['fps as a string', sample(sessionId, { fps: '30' }), 'invalid-payload', 'caller'],
        ['an unknown level', sample(sessionId, { level: 'great' }), 'invalid-payload', 'caller'],
        ['a fractional video step', sample(sessionId, { videoStep: 1.5 }), 'invalid-payload', 'caller'],
        ['an extra field', { ...sample(sessionId), note: 'hi' }, 'invalid-payload', 'caller'],
        ['a missing figure', { sessionId, stage: 1, level: 'good' }, 'invalid-payload', 'caller'],
        ['not an object', 'poor', 'invalid-payload', 'caller'],
        ['a stage that is not running', sample(sessionId, { stage: 2 }), 'wrong-state', 'caller'],
        ['an unknown session', sample(randomUUID()), 'forbidden', 'caller'],
        ["a stranger, into someone else's call", sample(sessionId), 'forbidden', 'stranger'],
      ];
      for (const [label, payload, expected, who] of cases) {
        const socket = who === 'caller' ? pair.caller.socket : stranger.socket;
        assert.equal(code(await t.emit(socket, 'call:quality', payload)), expected, label);
        await sleep(1050); // stays within the per-socket budget, so each refusal is the one named
      }
      const fromOtherTab = await t.emit(otherTab, 'call:quality', sample(sessionId));
      assert.equal(code(fromOtherTab), 'wrong-state', 'a tab that does not own the call');
      await sleep(100);
      assert.deepEqual(peerQuality(pair.callee.rec), [], 'the other side heard nothing');
      assert.equal(await qualityOf(t.app.db.orm, sessionId, pair.caller.id, 1), null, 'nothing stored');
    });

    it('outside a running stage (preparing, intermission) a sample is refused', async () => {
      const pair = await createCallPair(t);
      const sessionId = await connectCall(t, pair);
      assert.equal(code(await t.emit(pair.caller.socket, 'call:quality', sample(sessionId))), 'wrong-state', 'while preparing');
      assert.equal(await qualityOf(t.app.db.orm, sessionId, pair.caller.id, 1), null);
    });

    it('a flood from one socket is cut to its budget (3 per 3 s): the rest are rate-limited and not stored', async () => {
      const { pair, sessionId } = await running();
      const acks = await Promise.all(Array.from({ length: 10 }, () => t.emit(pair.caller.socket, 'call:quality', sample(sessionId))));
      assert.deepEqual(acks.map(code).sort(), [...Array(3).fill('ok'), ...Array(7).fill('rate-limited')].sort());
      assert.equal((await qualityOf(t.app.db.orm, sessionId, pair.caller.id, 1))?.samples.poor, 3);
      // Other events of the same socket are not held back by this event's budget.
      assert.equal(code(await t.emit(pair.caller.socket, 'call:media', { sessionId, audio: true, video: true })), 'ok');
    });

    it('the admin summary counts samples per level for each stage over recent sessions; users may not read it', async () => {
      const before = (await t.api<QualitySummary>('GET', '/api/admin/call-quality', { token: (await t.login('admin')).token })).body;
      const { pair, sessionId } = await running();
      await ok(t, pair.caller.socket, 'call:quality', sample(sessionId, { level: 'lost' }) as never);
      await ok(t, pair.callee.socket, 'call:quality', sample(sessionId, { level: 'good' }) as never);
      await ok(t, pair.callee.socket, 'call:quality', sample(sessionId, { level: 'poor' }) as never);
      const admin = (await t.login('admin')).token;
      const res = await t.api<QualitySummary>('GET', '/api/admin/call-quality', { token: admin });
      assert.equal(res.status, 200);
      assert.equal(res.body.hours, 24);
      const stage1 = res.body.stages.find((s) => s.stage === 1)!;
      const was = before.stages.find((s) => s.stage === 1) ?? { samples: { good: 0, fair: 0, poor: 0, lost: 0 }, sessions: 0 };
      assert.deepEqual(stage1.samples, {
        good: was.samples.good + 1,
        fair: was.samples.fair,
        poor: was.samples.poor + 1,
        lost: was.samples.lost + 1,
      });
      assert.equal(stage1.sessions, was.sessions + 1);
      const asUser = await t.api('GET', '/api/admin/call-quality', { token: pair.caller.token });
      assert.equal(asUser.status, 403);
    });
  });
}
