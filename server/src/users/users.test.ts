import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PublicUser } from '@flint/shared';
import { createTestApp, dbKinds, type RestError, type TestApp } from '../test-support/harness.ts';
import { findUserById } from './users.repository.ts';

for (const { kind, skip } of dbKinds()) {
  describe(`users (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ dbKind: kind });
    });
    after(() => t?.close());

    it('GET /api/me is the signed-in user', async () => {
      const me = await t.createUser('me');
      const res = await t.api<PublicUser>('GET', '/api/me', { token: me.token });
      assert.equal(res.status, 200);
      assert.equal(res.body.id, me.id);
      assert.equal(res.body.username, me.username);
    });

    it('PATCH /api/me updates the profile, and rejects invalid input without changing it', async () => {
      const me = await t.createUser('profile');
      const ok = await t.api<PublicUser>('PATCH', '/api/me', { token: me.token, body: { displayName: 'New Name', bio: 'hi', age: 30 } });
      assert.equal(ok.status, 200);
      assert.deepEqual([ok.body.displayName, ok.body.bio, ok.body.age], ['New Name', 'hi', 30]);
      for (const body of [{ age: 12 }, { displayName: '' }, { role: 'admin' }, 'text']) {
        const res = await t.api<RestError>('PATCH', '/api/me', { token: me.token, body });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.body.error.code, 'invalid-payload');
      }
      const stored = await findUserById(t.app.db.orm, me.id);
      assert.deepEqual([stored?.displayName, stored?.age, stored?.role], ['New Name', 30, 'user']);
    });

    it('GET /api/users/:id shows a profile; unknown or malformed ids are 404', async () => {
      const me = await t.createUser('viewer');
      const { user: ben } = await t.login('ben');
      const res = await t.api<PublicUser>('GET', `/api/users/${ben.id}`, { token: me.token });
      assert.equal(res.status, 200);
      assert.equal(res.body.username, 'ben');
      assert.equal((await t.api('GET', `/api/users/${crypto.randomUUID()}`, { token: me.token })).status, 404);
      assert.equal((await t.api('GET', '/api/users/not-a-uuid', { token: me.token })).status, 404);
    });

    it('an unknown API route is a JSON 404', async () => {
      const res = await t.api<RestError>('GET', '/api/nothing-here');
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, 'not-found');
    });
  });
}
