/**
 * Fail closed: the dev login only in development and tests (bound to loopback then), security
 * headers with a CSP built from configuration on every response, and /metrics only with its token
 * (or, without one, from this machine).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RemoteConfig } from '@flint/shared';
import { loadConfig } from '../config.ts';
import { createTestApp, type RestError, type TestApp } from '../test-support/harness.ts';

describe('dev login fails closed', () => {
  it('is on only for NODE_ENV unset, development or test; then the server binds loopback unless HOST says otherwise', () => {
    const table: Array<[nodeEnv: string | undefined, devLogin: boolean, host: string]> = [
      [undefined, true, '127.0.0.1'],
      ['development', true, '127.0.0.1'],
      ['test', true, '127.0.0.1'],
      ['production', false, '0.0.0.0'],
      ['staging', false, '0.0.0.0'],
      ['prod', false, '0.0.0.0'],
      ['Production', false, '0.0.0.0'],
      ['', false, '0.0.0.0'],
      ['dev', false, '0.0.0.0'],
    ];
    for (const [NODE_ENV, devLogin, host] of table) {
      const c = loadConfig(NODE_ENV === undefined ? {} : { NODE_ENV });
      assert.deepEqual([c.devLogin, c.host], [devLogin, host], `NODE_ENV=${NODE_ENV}`);
    }
    assert.equal(loadConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0');
    assert.equal(loadConfig({ NODE_ENV: 'production', HOST: '10.0.0.5' }).host, '10.0.0.5');
  });

  for (const nodeEnv of ['staging', 'prod']) {
    it(`NODE_ENV=${nodeEnv} has no dev login route and tells the page so`, async () => {
      const t = await createTestApp({ env: { NODE_ENV: nodeEnv } });
      try {
        const res = await t.api<RestError>('POST', '/api/dev/login', { body: { username: 'admin' } });
        assert.equal(res.status, 404);
        assert.equal((await t.api<RemoteConfig>('GET', '/api/config')).body.devLogin, false);
      } finally {
        await t.close();
      }
    });
  }
});

describe('security headers', () => {
  let t: TestApp;
  let dist: string;
  before(async () => {
    dist = mkdtempSync(join(tmpdir(), 'flint-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Flint</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    t = await createTestApp({
      env: {
        FLINT_HOST_DIST: dist,
        FLINT_CALL_REMOTE_URL: 'https://call.cdn.example/flint/call/',
        FLINT_REALTIME_REMOTE_URL: 'https://rt.cdn.example/',
      },
    });
  });
  after(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  for (const path of ['/', '/chat/some-conversation', '/sw.js', '/api/config', '/api/health', '/api/nothing', '/api/me']) {
    it(`${path} carries nosniff, a referrer policy, no framing and the CSP`, async () => {
      const res = await fetch(t.url + path, { headers: { host: 'evil.example' } });
      await res.arrayBuffer();
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /evil/);
    });
  }

  it("the CSP admits scripts only from this origin and the configured remotes' origins, and no inline script", async () => {
    const res = await fetch(`${t.url}/`);
    await res.text();
    const csp = Object.fromEntries(
      (res.headers.get('content-security-policy') ?? '').split('; ').map((d) => {
        const [name, ...sources] = d.split(' ');
        return [name, sources];
      }),
    );
    assert.deepEqual(csp['script-src'], ["'self'", 'https://call.cdn.example', 'https://rt.cdn.example']);
    assert.deepEqual(csp['connect-src']?.slice(0, 3), ["'self'", 'https://call.cdn.example', 'https://rt.cdn.example']);
    assert.deepEqual(csp['worker-src'], ["'self'"]);
    assert.deepEqual(csp['object-src'], ["'none'"]);
    assert.ok(csp['media-src']?.includes('blob:'));
  });
});

describe('/metrics', () => {
  const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
  const get = (t: TestApp, headers: Record<string, string> = {}) => fetch(`${t.url}/metrics`, { headers });

  it('with FLINT_METRICS_TOKEN: 401 without the Bearer token or with a wrong one, 200 with it', async () => {
    const t = await createTestApp({ env: { FLINT_METRICS_TOKEN: METRICS_TOKEN } });
    try {
      const refused: Array<Record<string, string>> = [
        {},
        { authorization: 'Bearer wrong' },
        { authorization: METRICS_TOKEN },
        { authorization: `Basic ${METRICS_TOKEN}` },
      ];
      for (const headers of refused) {
        const res = await get(t, headers);
        assert.equal(res.status, 401, JSON.stringify(headers));
        assert.equal(res.headers.get('www-authenticate'), 'Bearer');
        assert.equal(((await res.json()) as RestError).error.code, 'unauthorized');
      }
      const res = await get(t, { authorization: `Bearer ${METRICS_TOKEN}` });
      assert.equal(res.status, 200);
      assert.match(await res.text(), /# HELP/);
    } finally {
      await t.close();
    }
  });

  it('without a token: readable from loopback only, never through a proxy', async () => {
    const t = await createTestApp();
    const behindProxy = await createTestApp({ env: { FLINT_TRUST_PROXY: 'true' } });
    try {
      const local = await get(t);
      assert.equal(local.status, 200);
      await local.text();
      const forwarded = await get(t, { 'x-forwarded-for': '203.0.113.9' });
      assert.equal(forwarded.status, 401, 'forwarded by an untrusted local proxy: not local');
      await forwarded.text();
      const outside = await get(behindProxy, { 'x-forwarded-for': '203.0.113.9' });
      assert.equal(outside.status, 401, 'a trusted proxy names an outside client');
      await outside.text();
    } finally {
      await t.close();
      await behindProxy.close();
    }
  });

  it('refuses a metrics token too short to be a secret at start', () => {
    assert.throws(() => loadConfig({ FLINT_METRICS_TOKEN: 'short' }), /FLINT_METRICS_TOKEN/);
  });
});
