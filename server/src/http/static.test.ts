import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compressDist } from '../../../scripts/compress-dist.ts';
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

/** A raw GET (no automatic decoding, unlike fetch) with the given Accept-Encoding. */
function rawGet(url: string, acceptEncoding: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('serving the host build precompressed', () => {
  let t: TestApp;
  const dist = mkdtempSync(join(tmpdir(), 'flint-dist-'));
  const script = `console.log(${JSON.stringify('hashed '.repeat(400))})`;
  const shell = `<!doctype html><title>Flint host</title>${'<!-- padding -->'.repeat(100)}`;
  before(async () => {
    writeFileSync(join(dist, 'index.html'), shell);
    writeFileSync(join(dist, 'main.1a2b3c4d.js'), script);
    writeFileSync(join(dist, 'sw.js'), `self.skipWaiting();${' '.repeat(2000)}`);
    writeFileSync(join(dist, 'tiny.js'), '1');
    compressDist(dist);
    t = await createTestApp({ env: { FLINT_HOST_DIST: dist } });
  });
  after(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('writes brotli and gzip copies at build time, except where they would not be smaller', () => {
    for (const file of ['index.html', 'main.1a2b3c4d.js', 'sw.js']) {
      assert.ok(existsSync(join(dist, `${file}.br`)), `${file}.br`);
      assert.ok(existsSync(join(dist, `${file}.gz`)), `${file}.gz`);
    }
    assert.equal(existsSync(join(dist, 'tiny.js.br')), false);
  });

  it('sends brotli to a browser that accepts it, with the hashed file still cached for good', async () => {
    const res = await rawGet(`${t.url}/main.1a2b3c4d.js`, 'gzip, deflate, br');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.match(res.headers['content-type'] ?? '', /javascript/);
    assert.match(String(res.headers.vary), /accept-encoding/i);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.ok(res.body.length < script.length / 4, `${res.body.length} bytes`);
    assert.equal(brotliDecompressSync(res.body).toString(), script);
  });

  it('sends gzip to one that accepts only gzip, and the plain file to one that accepts neither', async () => {
    const gz = await rawGet(`${t.url}/main.1a2b3c4d.js`, 'gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), script);
    const plain = await rawGet(`${t.url}/main.1a2b3c4d.js`, 'identity');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(String(plain.headers.vary), /accept-encoding/i);
    assert.equal(plain.body.toString(), script);
    const tiny = await rawGet(`${t.url}/tiny.js`, 'br');
    assert.equal(tiny.headers['content-encoding'], undefined);
    assert.equal(tiny.body.toString(), '1');
  });

  it('keeps the shell and the service worker revalidated when compressed', async () => {
    for (const path of ['/', '/index.html', '/sw.js']) {
      const res = await rawGet(t.url + path, 'br');
      assert.equal(res.status, 200, path);
      assert.equal(res.headers['content-encoding'], 'br', path);
      assert.equal(res.headers['cache-control'], 'no-cache', path);
    }
    const route = await rawGet(`${t.url}/chat/123`, 'br, gzip');
    assert.equal(route.headers['cache-control'], 'no-cache');
    const body = route.headers['content-encoding'] === 'br' ? brotliDecompressSync(route.body) : route.body;
    assert.equal(body.toString(), shell);
  });

  it('rewrites a copy older than its file and removes one whose file is gone', () => {
    writeFileSync(join(dist, 'index.html'), `${shell}<!-- rebuilt -->`);
    rmSync(join(dist, 'sw.js'));
    compressDist(dist);
    assert.match(brotliDecompressSync(readFileSync(join(dist, 'index.html.br'))).toString(), /rebuilt/);
    assert.equal(existsSync(join(dist, 'sw.js.br')), false);
    assert.equal(existsSync(join(dist, 'sw.js.gz')), false);
  });
});
