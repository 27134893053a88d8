import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LoginResult, RemoteConfig } from '@flint/shared';
import { SignJWT } from 'jose';
import { createTestApp, dbKinds, type RestError, TEST_JWT_SECRET, type TestApp } from '../test-support/harness.ts';

const secret = new TextEncoder().encode(TEST_JWT_SECRET);

for (const { kind, skip } of dbKinds()) {
  describe(`auth (${kind})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ dbKind: kind });
    });
    after(() => t?.close());

    it('dev login returns a token and the public user', async () => {
      const res = await t.api<LoginResult>('POST', '/api/dev/login', { body: { username: 'ava' } });
      assert.equal(res.status, 200);
      assert.equal(res.body.user.username, 'ava');
      assert.equal(res.body.user.role, 'user');
      assert.match(res.body.token, /^ey/);
    });

    it('dev login of an unknown user is 404, of a bad body 400', async () => {
      const unknown = await t.api<RestError>('POST', '/api/dev/login', { body: { username: 'nobody' } });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.code, 'not-found');
      const bad = await t.api<RestError>('POST', '/api/dev/login', { body: { username: 'ava', extra: 1 } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'invalid-payload');
    });

    it('accepts a socket with a valid token in the handshake auth', async () => {
      const { token } = await t.login('ava');
      const socket = await t.connect(token);
      assert.equal(socket.connected, true);
    });

    const rejected = async (token: string | undefined, query?: Record<string, string>) => {
      await assert.rejects(t.connect(token, query ? { query } : {}), (err: Error) => {
        assert.equal(err.message, 'unauthorized');
        return true;
      });
    };

    it('rejects a socket without a token', () => rejected(undefined));

    it('rejects a token passed in the URL instead of the handshake auth', async () => {
      const { token } = await t.login('ava');
      await rejected(undefined, { token });
    });

    it('rejects a forged token (signed with another secret)', async () => {
      const { user } = await t.login('ava');
      const forged = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.id)
        .setIssuer('flint')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
      await rejected(forged);
      await rejected('not-a-jwt');
    });

    it('rejects an expired token', async () => {
      const { user } = await t.login('ava');
      const expired = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.id)
        .setIssuer('flint')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
        .sign(secret);
      await rejected(expired);
    });

    it('health answers 200 when the database is ready', async () => {
      const res = await t.api('GET', '/api/health');
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { ok: true });
    });
  });
}

describe('auth in production', () => {
  it('has no dev login route', async () => {
    const t = await createTestApp({ env: { NODE_ENV: 'production' } });
    try {
      const res = await t.api('POST', '/api/dev/login', { body: { username: 'ava' } });
      assert.equal(res.status, 404);
      assert.equal((await t.api<RemoteConfig>('GET', '/api/config')).body.devLogin, false);
    } finally {
      await t.close();
    }
  });
});
