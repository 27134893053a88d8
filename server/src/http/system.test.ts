import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RemoteConfig } from '@flint/shared';
import { ALLOWED_ORIGIN, createTestApp, type TestApp } from '../test-support/harness.ts';

describe('system routes', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      env: { FLINT_CALL_REMOTE_URL: 'https://cdn.example/call', FLINT_REALTIME_REMOTE_VERSION: '0.1.0-0123abcd' },
    });
  });
  after(() => t?.close());

  it('GET /api/config names the remotes from configuration only, never cached', async () => {
    const res = await fetch(`${t.url}/api/config`, { headers: { host: 'evil.example:666', 'x-forwarded-host': 'evil.example' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = (await res.json()) as RemoteConfig;
    assert.deepEqual(body, {
      remotes: {
        call: { base: 'https://cdn.example/call/', version: null },
        realtime: { base: `http://localhost:${t.config.port + 2}/`, version: '0.1.0-0123abcd' },
      },
      devLogin: true,
      connectionMode: 'auto',
    });
    assert.doesNotMatch(JSON.stringify(body), /evil/);
  });

  it('GET /embed.js sends a page to the loader of the configured call remote', async () => {
    const res = await fetch(`${t.url}/embed.js`, { redirect: 'manual', headers: { host: 'evil.example' } });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), 'https://cdn.example/call/embed.js');
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  it('answers CORS for an allowed origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${t.url}/api/dev/login`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight(ALLOWED_ORIGIN);
    assert.equal(allowed.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.match(allowed.headers.get('access-control-allow-methods') ?? '', /POST/);
    const foreign = await preflight('https://foreign.example');
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    const config = await fetch(`${t.url}/api/config`, { headers: { origin: ALLOWED_ORIGIN } });
    assert.equal(config.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
  });
});
