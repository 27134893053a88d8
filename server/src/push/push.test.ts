/**
 * Web Push, end to end on this machine: the real app, real sockets, and a local HTTP receiver in
 * the place of the push service (push.fixtures.ts), which decrypts what the server sent.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Match, PushKeyResult } from '@flint/shared';
import { eq } from 'drizzle-orm';
import { createTestApp, dbKinds, sleep, type TestApp, waitFor } from '../test-support/harness.ts';
import { decryptPush, type PushReceiver, startPushReceiver } from './push.fixtures.ts';
import { pushSubscriptions } from './push.tables.ts';

const RING_S = 30;

for (const { kind, skip } of dbKinds()) {
  describe(`push: a call wakes a person with no tab open (${kind})`, { skip }, () => {
    let t: TestApp;
    let receiver: PushReceiver;
    let ava: { token: string; id: string };
    let ben: { token: string; id: string };
    let matchId: string;

    before(async () => {
      receiver = await startPushReceiver();
      t = await createTestApp({
        dbKind: kind,
        env: { FLINT_PUSH_ALLOW_LOOPBACK: '1', FLINT_RING_TIMEOUT_S: String(RING_S), FLINT_RATE_LIMIT_PER_S: '10000' },
      });
      const [a, b] = [await t.login('ava'), await t.login('ben')];
      ava = { token: a.token, id: a.user.id };
      ben = { token: b.token, id: b.user.id };
      const matches = await t.api<Match[]>('GET', '/api/matches', { token: ava.token });
      matchId = matches.body.find((m) => m.other.id === ben.id)!.id;
    });
    after(async () => {
      await t?.close();
      await receiver?.close();
    });
    beforeEach(async () => {
      await t.disconnectAll();
      await t.app.db.orm.delete(pushSubscriptions);
      receiver.received.length = 0;
      receiver.status = 201;
    });

    const subscribe = async (token: string, body: unknown) => {
      const res = await t.api('POST', '/api/push/subscriptions', { token, body });
      assert.equal(res.status, 204, JSON.stringify(res.body));
    };
    /** ava rings ben and hangs up again; the session id. */
    const avaCallsBen = async () => {
      const avaSocket = await t.connect(ava.token);
      const ack = await t.emit(avaSocket, 'call:request', { matchId });
      assert.ok(ack.ok, JSON.stringify(ack));
      return { sessionId: ack.data.sessionId, hangUp: () => t.emit(avaSocket, 'call:leave', { sessionId: ack.data.sessionId }) };
    };
    const rows = (userId: string) => t.app.db.orm.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));

    it('ben, with no tab open, gets exactly one encrypted push per browser: kind, session id and first name, TTL of the ring, urgent', async () => {
      const phone = receiver.browser('ben-phone');
      await subscribe(ben.token, phone.subscription);
      const { publicKey } = (await t.api<PushKeyResult>('GET', '/api/push/key')).body;

      const call = await avaCallsBen();
      const [push] = await receiver.waitFor(1);
      await sleep(300);
      assert.equal(receiver.received.length, 1, 'one message, not one per retry or per event');
      assert.equal(push!.path, '/push/ben-phone');
      assert.deepEqual(JSON.parse(decryptPush(phone, push!.body)), { kind: 'call', sessionId: call.sessionId, from: 'Ava' });
      assert.equal(push!.headers['content-encoding'], 'aes128gcm');
      assert.equal(push!.headers.urgency, 'high');
      const ttl = Number(push!.headers.ttl);
      assert.ok(ttl > RING_S - 3 && ttl <= RING_S, `TTL ${ttl} should be the ring's remaining time`);
      // VAPID (RFC 8292): signed by the key the browser subscribed with.
      assert.match(String(push!.headers.authorization), new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${publicKey}$`));
      await call.hangUp();
    });

    it('ben with an open tab is rung there, and no push is sent', async () => {
      await subscribe(ben.token, receiver.browser('ben-laptop').subscription);
      const benSocket = await t.connect(ben.token);
      const invited = waitFor(benSocket, 'call:invite');
      const call = await avaCallsBen();
      assert.equal((await invited).sessionId, call.sessionId);
      await sleep(700);
      assert.equal(receiver.received.length, 0);
      await call.hangUp();
    });

    it('every browser of ben is woken', async () => {
      await subscribe(ben.token, receiver.browser('ben-a').subscription);
      await subscribe(ben.token, receiver.browser('ben-b').subscription);
      const call = await avaCallsBen();
      const pushes = await receiver.waitFor(2);
      assert.deepEqual(pushes.map((p) => p.path).sort(), ['/push/ben-a', '/push/ben-b']);
      await call.hangUp();
    });

    for (const status of [404, 410]) {
      it(`a ${status} from the push service deletes that subscription, and only that one`, async () => {
        await subscribe(ben.token, receiver.browser('ben-old').subscription);
        await subscribe(ava.token, receiver.browser('ava-phone').subscription);
        receiver.status = status;
        const call = await avaCallsBen();
        await receiver.waitFor(1);
        const deadline = Date.now() + 3000;
        while ((await rows(ben.id)).length > 0 && Date.now() < deadline) await sleep(20);
        assert.equal((await rows(ben.id)).length, 0);
        assert.equal((await rows(ava.id)).length, 1);
        await call.hangUp();
      });
    }

    it('an unsubscribed browser (sign-out) is not woken', async () => {
      const phone = receiver.browser('ben-signed-out');
      await subscribe(ben.token, phone.subscription);
      const res = await t.api('DELETE', '/api/push/subscriptions', { token: ben.token, body: { endpoint: phone.subscription.endpoint } });
      assert.equal(res.status, 204);
      const call = await avaCallsBen();
      await sleep(700);
      assert.equal(receiver.received.length, 0);
      await call.hangUp();
    });

    it('a browser signed in by someone else moves to them (the endpoint is the browser)', async () => {
      const shared = receiver.browser('shared-laptop');
      await subscribe(ava.token, shared.subscription);
      await subscribe(ben.token, shared.subscription);
      assert.equal((await rows(ava.id)).length, 0);
      assert.equal((await rows(ben.id)).length, 1);
    });

    it('a person keeps at most 10 browsers: the oldest goes', async () => {
      for (let i = 0; i < 11; i++) await subscribe(ben.token, receiver.browser(`many-${i}`).subscription);
      const kept = (await rows(ben.id)).map((r) => r.endpoint);
      assert.equal(kept.length, 10);
      assert.ok(!kept.some((e) => e.endsWith('/many-0')));
    });
  });
}
