import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from './config.ts';

describe('config', () => {
  it('has embedded defaults', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    // The dev login is on, so only this machine may reach it.
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.devLogin, true);
    // The shell's origin, and PORT+3's (examples/plain-page, a stranger's page embedding <flint-call>).
    assert.deepEqual(c.allowedOrigins, [
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://localhost:3003',
      'http://127.0.0.1:3003',
    ]);
    assert.deepEqual(c.remotes, {
      call: { base: 'http://localhost:3001/', version: null },
      realtime: { base: 'http://localhost:3002/', version: null },
    });
    assert.equal(c.identityProvider, undefined);
    assert.match(c.pgliteDir, /\.data\/pglite$/);
    assert.deepEqual(c.timing.stagedPlan, [
      { media: 'audio', seconds: 180 },
      { media: 'video', seconds: 300 },
      { media: 'video', seconds: 600 },
    ]);
    assert.equal(c.timing.ringTimeoutS, 30);
  });

  it('reads the environment', () => {
    const c = loadConfig({
      PORT: '4100',
      NODE_ENV: 'production',
      FLINT_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      FLINT_STAGE_PLAN: 'audio:20,video:20',
      FLINT_DECISION_TIMEOUT_S: '5',
    });
    assert.equal(c.devLogin, false, 'no dev login in production');
    assert.deepEqual(c.allowedOrigins, ['https://a.example', 'https://b.example']);
    assert.deepEqual(
      c.timing.stagedPlan.map((s) => s.seconds),
      [20, 20],
    );
    assert.equal(c.timing.decisionTimeoutS, 5);
  });

  it('reads remote deploys and the identity provider', () => {
    const c = loadConfig({
      FLINT_CALL_REMOTE_URL: 'https://cdn.example/call',
      FLINT_CALL_REMOTE_VERSION: '0.2.0-abcdef12',
      AUTH_JWKS_URL: 'https://id.example/jwks.json',
      AUTH_JWT_ISSUER: 'https://id.example/',
      AUTH_JWT_AUDIENCE: 'flint',
    });
    assert.deepEqual(c.remotes.call, { base: 'https://cdn.example/call/', version: '0.2.0-abcdef12' });
    assert.deepEqual(c.identityProvider, {
      jwksUrl: 'https://id.example/jwks.json',
      issuer: 'https://id.example/',
      audience: 'flint',
      cooldownMs: 30_000,
    });
    assert.throws(() => loadConfig({ FLINT_CALL_REMOTE_VERSION: '../../etc' }), /FLINT_CALL_REMOTE_VERSION/);
  });

  it('fails fast naming each bad variable', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc', FLINT_STAGE_PLAN: 'smell:3', DATABASE_URL: 'not a url', AUTH_JWT_SECRET: 'short' }),
      (err: Error) => {
        for (const name of ['PORT', 'FLINT_STAGE_PLAN', 'DATABASE_URL', 'AUTH_JWT_SECRET']) assert.match(err.message, new RegExp(name));
        return true;
      },
    );
  });
});
