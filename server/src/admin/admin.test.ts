import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { RemoteConfig } from '@flint/shared';
import { collect, createTestApp, dbKinds, type RestError, sleep, type TestApp, waitFor } from '../test-support/harness.ts';
import { getConnectionMode } from './settings.repository.ts';

for (const { kind, skip } of dbKinds()) {
  describe(`admin (${kind})`, { skip }, () => {
    let t: TestApp;
    let admin: string;
    let ava: string;
    before(async () => {
      t = await createTestApp({ dbKind: kind });
      admin = (await t.login('admin')).token;
      ava = (await t.login('ava')).token;
    });
    afterEach(() => t.disconnectAll());
    after(() => t?.close());

    it('admin endpoints are 403 for a user and 401 without a token', async () => {
      for (const [method, path, body] of [
        ['GET', '/api/admin/stats', undefined],
        ['PUT', '/api/admin/connection-mode', { mode: 'polling' }],
      ] as const) {
        const asUser = await t.api<RestError>(method, path, { token: ava, body });
        assert.equal(asUser.status, 403);
        assert.equal(asUser.body.error.code, 'forbidden');
        assert.equal((await t.api(method, path, { body })).status, 401);
      }
      assert.equal(await getConnectionMode(t.app.db.orm), 'auto');
    });

    it('stats count users, sockets and transports across the cluster', async () => {
      await t.connect(ava);
      await t.connect(ava, { transports: ['polling'] });
      await t.connect((await t.login('ben')).token);
      const res = await t.api('GET', '/api/admin/stats', { token: admin });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { usersOnline: 2, sockets: 3, transports: { websocket: 2, polling: 1 }, mode: 'auto' });
    });

    it('changing the connection mode persists it and tells every socket', async () => {
      const s1 = await t.connect(ava);
      const s2 = await t.connect((await t.login('cleo')).token);
      const heard = Promise.all([waitFor(s1, 'connection:mode'), waitFor(s2, 'connection:mode')]);
      const res = await t.api('PUT', '/api/admin/connection-mode', { token: admin, body: { mode: 'websocket' } });
      assert.deepEqual(res, { status: 200, body: { mode: 'websocket' } });
      assert.deepEqual(await heard, [{ mode: 'websocket' }, { mode: 'websocket' }]);
      assert.equal(await getConnectionMode(t.app.db.orm), 'websocket');
      assert.equal((await t.api<RemoteConfig>('GET', '/api/config')).body.connectionMode, 'websocket');

      const seen = collect(s1, 'connection:mode');
      const bad = await t.api<RestError>('PUT', '/api/admin/connection-mode', { token: admin, body: { mode: 'carrier-pigeon' } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'invalid-payload');
      await sleep(100);
      assert.deepEqual(seen, []);
      assert.equal(await getConnectionMode(t.app.db.orm), 'websocket');
      await t.api('PUT', '/api/admin/connection-mode', { token: admin, body: { mode: 'auto' } });
    });
  });
}
