import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../test-support/harness.ts';

describe('serving the host build', () => {
  let t: TestApp;
  const dist = mkdtempSync(join(tmpdir(), 'flint-dist-'));
  before(async () => {
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Flint host</title>');
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'main.js'), 'console.log("host")');
    writeFileSync(join(dist, 'main.1a2b3c4d.js'), 'console.log("hashed")');
    writeFileSync(join(dist, 'sw.js'), 'self.skipWaiting()');
    t = await createTestApp({ env: { FLINT_HOST_DIST: dist } });
  });
  after(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and files by path', async () => {
    const root = await fetch(`${t.url}/`);
    assert.equal(root.status, 200);
    assert.match(await root.text(), /Flint host/);
    const js = await fetch(`${t.url}/assets/main.js`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
  });

  it('caches hashed files for good, and makes the shell and the service worker revalidate', async () => {
    const hashed = await fetch(`${t.url}/main.1a2b3c4d.js`);
    assert.equal(hashed.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/sw.js', '/assets/main.js', '/chat/123']) {
      const res = await fetch(t.url + path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('cache-control'), 'no-cache', path);
    }
  });

  it('falls back to index.html for client-side routes', async () => {
    for (const path of ['/chat/123', '/es/swipe', '/admin']) {
      const res = await fetch(t.url + path);
      assert.equal(res.status, 200, path);
      assert.match(await res.text(), /Flint host/);
    }
  });

  it('keeps unknown /api routes and missing POSTs as JSON 404s', async () => {
    const api = await fetch(`${t.url}/api/missing`);
    assert.equal(api.status, 404);
    assert.deepEqual(await api.json(), { error: { code: 'not-found', message: 'route not found' } });
    const post = await fetch(`${t.url}/chat/123`, { method: 'POST' });
    assert.equal(post.status, 404);
    const health = await fetch(`${t.url}/api/health`);
    assert.equal(health.status, 200);
  });
});
