/**
 * Bring your own identity (AUTH_JWKS_URL): tokens of a host's identity provider, verified against a
 * JWKS endpoint this test serves with keys it generates, with issuer, audience and expiry enforced;
 * the person becomes a Flint user on first sight, from the token's claims.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { PublicUser } from '@flint/shared';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { createTestApp, dbKinds, type TestApp } from '../test-support/harness.ts';
import { displayNameOf, pictureOf } from './identities.ts';

const ISSUER = 'https://id.host.example/';
const AUDIENCE = 'flint-calls';

interface Key {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

/** The identity provider's published keys, changeable mid-test (a rotation). */
async function jwksServer(): Promise<{ url: string; publish(keys: Key[]): void; fetches(): number; close(): Promise<void> }> {
  let published: Key[] = [];
  let count = 0;
  const server: Server = createServer((_req, res) => {
    count += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: published.map((k) => k.jwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    publish: (keys) => {
      published = keys;
    },
    fetches: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Claims {
  sub?: string;
  name?: string;
  picture?: string;
  iss?: string;
  aud?: string;
  /** Seconds from now; null = no exp claim at all. */
  expiresIn?: number | null;
}

function token(key: Key, { sub = 'host-user-1', iss = ISSUER, aud = AUDIENCE, expiresIn = 600, ...claims }: Claims = {}) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: key.kid }).setSubject(sub).setIssuer(iss).setAudience(aud);
  jwt.setIssuedAt(Math.floor(Date.now() / 1000) - 60);
  if (expiresIn !== null) jwt.setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn);
  return jwt.sign(key.privateKey);
}

for (const { kind, skip } of dbKinds()) {
  describe(`identity provider tokens (${kind})`, { skip }, () => {
    let t: TestApp;
    let idp: Awaited<ReturnType<typeof jwksServer>>;
    let first: Key;

    before(async () => {
      idp = await jwksServer();
      first = await newKey('key-1');
      idp.publish([first]);
      t = await createTestApp({
        dbKind: kind,
        env: { AUTH_JWKS_URL: idp.url, AUTH_JWT_ISSUER: ISSUER, AUTH_JWT_AUDIENCE: AUDIENCE, AUTH_JWKS_COOLDOWN_S: '0' },
      });
    });
    after(async () => {
      await t?.close();
      await idp?.close();
    });

    const me = (jwt: string) => t.api<PublicUser>('GET', '/api/me', { token: jwt });
    const refused = async (jwt: string) => {
      assert.equal((await me(jwt)).status, 401);
      await assert.rejects(t.connect(jwt), (err: Error) => err.message === 'unauthorized');
    };

    it('a valid token is a user, created on first sight from the claims (sub, name, picture)', async () => {
      const jwt = await token(first, { sub: 'host-ava', name: 'Ava From Host', picture: 'https://img.host.example/ava.png' });
      const res = await me(jwt);
      assert.equal(res.status, 200);
      assert.equal(res.body.displayName, 'Ava From Host');
      assert.equal(res.body.picture, 'https://img.host.example/ava.png');
      assert.match(res.body.username, /^idp_/);
      // The same person again (a new token, a socket this time) is the same user, not a second one.
      const socket = await t.connect(await token(first, { sub: 'host-ava', name: 'Renamed' }));
      assert.equal(socket.connected, true);
      const again = await me(await token(first, { sub: 'host-ava' }));
      assert.equal(again.body.id, res.body.id);
      assert.equal(again.body.displayName, 'Ava From Host');
    });

    it('two first sights at once make one user', async () => {
      const jwts = await Promise.all([1, 2, 3, 4].map(() => token(first, { sub: 'host-racer', name: 'Racer' })));
      const users = await Promise.all(jwts.map(me));
      assert.deepEqual(
        users.map((u) => u.status),
        [200, 200, 200, 200],
      );
      assert.equal(new Set(users.map((u) => u.body.id)).size, 1);
    });

    it('refuses an expired token', async () => refused(await token(first, { expiresIn: -30 })));
    it('refuses a token without an expiry', async () => refused(await token(first, { expiresIn: null })));
    it('refuses a token of another issuer', async () => refused(await token(first, { iss: 'https://evil.example/' })));
    it('refuses a token for another audience', async () => refused(await token(first, { aud: 'someone-else' })));
    it('refuses a subject with control characters', async () => refused(await token(first, { sub: 'a\u0000b' })));

    it('refuses a token signed by a key the provider never published', async () => {
      await refused(await token(await newKey('key-1')));
    });

    it('follows a key rotation: a token signed with the new key works, the retired key stops working', async () => {
      const oldToken = await token(first, { sub: 'host-rotated', name: 'Rotated' });
      assert.equal((await me(oldToken)).status, 200);
      const next = await newKey('key-2');
      idp.publish([first, next]);
      const fetchesBefore = idp.fetches();
      const created = await me(await token(next, { sub: 'host-rotated' }));
      assert.equal(created.status, 200, 'a kid the cache lacks makes the server fetch the keys again');
      assert.equal(created.body.displayName, 'Rotated');
      assert.ok(idp.fetches() > fetchesBefore);
      // key-1 retired: once the server reloads the keys (here: a token naming yet another unknown kid
      // makes it), a token signed with key-1 is refused.
      idp.publish([next]);
      await refused(await token(await newKey('key-3')));
      await refused(await token(first, { sub: 'host-rotated' }));
    });

    it('Flint tokens (dev login) keep working beside the provider', async () => {
      const { token: flint } = await t.login('ben');
      assert.equal((await me(flint)).body.username, 'ben');
    });
  });
}

describe('identity claims', () => {
  it('cleans the display name: control characters and bidi overrides out, bounded, never blank', () => {
    assert.equal(displayNameOf(' Zoë\u0000\u001b[31m \n'), 'Zoë[31m');
    assert.equal(displayNameOf('Eve\u202eevA\u2066'), 'EveevA');
    assert.equal(displayNameOf('\u200b\u3164'), 'Flint member');
    assert.equal(displayNameOf(null), 'Flint member');
    assert.equal(displayNameOf('\u0007'), 'Flint member');
    assert.equal([...displayNameOf('é'.repeat(100))].length, 60);
  });

  it('keeps only an http(s) picture URL', () => {
    assert.equal(pictureOf('https://img.example/a.png'), 'https://img.example/a.png');
    assert.equal(pictureOf('javascript:alert(1)'), null);
    assert.equal(pictureOf('data:image/png;base64,AAAA'), null);
    assert.equal(pictureOf(`https://img.example/${'a'.repeat(3000)}`), null);
    assert.equal(pictureOf('not a url'), null);
  });
});

describe('identity provider configuration', () => {
  it('refuses to start with AUTH_JWKS_URL but no issuer or audience', async () => {
    await assert.rejects(createTestApp({ env: { AUTH_JWKS_URL: 'https://id.example/jwks.json' } }), (err: Error) => {
      assert.match(err.message, /AUTH_JWT_ISSUER is required/);
      assert.match(err.message, /AUTH_JWT_AUDIENCE is required/);
      return true;
    });
  });
});
