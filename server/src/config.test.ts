import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from './config.ts';

describe('config', () => {
  it('has embedded defaults', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.host, '0.0.0.0');
    assert.equal(c.devLogin, true);
    assert.deepEqual(c.allowedOrigins, ['http://localhost:3000', 'http://127.0.0.1:3000']);
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
