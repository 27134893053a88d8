import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isFederationEntry, isHashedAsset, isHtml, isNeverCached, isShellNavigation } from './routes.ts';

const host = 'http://localhost:3000';
const u = (s: string) => new URL(s, host);

test('server paths are never cached, on any origin, whatever their file name', () => {
  for (const path of [
    '/api/conversations',
    '/api/config',
    '/socket.io/?EIO=4&transport=polling',
    '/metrics',
    '/api',
    '/api/x.0123abcd.js',
  ]) {
    assert.equal(isNeverCached(u(path)), true, path);
    assert.equal(isHashedAsset(u(path)), false, path);
    assert.equal(isFederationEntry(u(path)), false, path);
    assert.equal(isShellNavigation(u(path), host, 'navigate'), false, path);
  }
  assert.equal(isHashedAsset(new URL('http://localhost:3001/socket.io/a.0123abcd.js')), false, 'a remote origin too');
});

test('hashed files of the host and of the remotes (other origins) are assets', () => {
  assert.equal(isHashedAsset(u('/main.1a2b3c4d.js')), true);
  assert.equal(isHashedAsset(new URL('http://localhost:3001/__federation_expose_flint_call.9f8e7d6c.js')), true);
  assert.equal(isHashedAsset(new URL('http://localhost:3002/main.1a2b3c4d.js?v=1')), true, 'a query does not matter');
  assert.equal(isHashedAsset(u('/main.js')), false, 'unhashed');
  assert.equal(isHashedAsset(u('/main.1a2b3c4d.js.map')), false, 'source maps are not kept');
  assert.equal(isHashedAsset(u('/remoteEntry.js')), false);
});

test('remote entries and manifests are federation entries (network first), not assets', () => {
  assert.equal(isFederationEntry(new URL('http://localhost:3001/remoteEntry.js')), true);
  assert.equal(isFederationEntry(new URL('http://localhost:3002/mf-manifest.json')), true);
  // A remote deploy's pointer to the version in service: an offline start must still resolve it.
  assert.equal(isFederationEntry(new URL('http://localhost:3001/current.json')), true);
  assert.equal(isFederationEntry(new URL('http://localhost:3001/versions/0.1.0-1a2b3c4d/mf-manifest.json')), true);
  assert.equal(isHashedAsset(new URL('http://localhost:3002/mf-manifest.json')), false);
});

test('only navigations of the host origin are the shell', () => {
  assert.equal(isShellNavigation(u('/chat/abc'), host, 'navigate'), true);
  assert.equal(isShellNavigation(u('/?as=ava'), host, 'navigate'), true);
  assert.equal(isShellNavigation(u('/chat/abc'), host, 'cors'), false, 'a fetch is not a navigation');
  assert.equal(isShellNavigation(new URL('http://localhost:3003/'), host, 'navigate'), false, 'another origin');
});

test('only an HTML answer may become the shell', () => {
  assert.equal(isHtml('text/html; charset=utf-8'), true);
  assert.equal(isHtml('application/javascript; charset=utf-8'), false, 'a navigation to /sw.js or a script');
  assert.equal(isHtml(null), false);
});
