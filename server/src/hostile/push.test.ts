/**
 * Hostile clients against the push routes: malformed, oversized or foreign subscriptions, endpoints
 * that would make the server post inside its own network, someone else's browser, no token, too
 * fast. Each refusal has its exact code and changes nothing (every client-writable table compared).
 */
import assert from 'node:assert/strict';
import { createECDH, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../config.ts';
import { endpointProblem } from '../push/push.service.ts';
import { createTestApp, type RestError, type TestApp } from '../test-support/harness.ts';
import { createHostileApp, snapshot } from './hostile.fixtures.ts';

function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}
const good = (endpoint = `https://push.example.com/send/${randomBytes(8).toString('hex')}`) => ({ endpoint, keys: browserKeys() });

describe('push subscriptions: hostile input changes nothing', () => {
  let t: TestApp;
  let ava: { token: string; id: string };
  let ben: { token: string; id: string };
  before(async () => {
    t = await createHostileApp();
    ava = await t.createUser('pa');
    ben = await t.createUser('pb');
  });
  after(() => t?.close());

  const refused = async (method: string, body: unknown, token: string | undefined, status: number, code: string, message?: RegExp) => {
    const before = await snapshot(t);
    const res = await t.api<RestError>(method, '/api/push/subscriptions', { token, body });
    assert.equal(res.status, status, `${JSON.stringify(body)?.slice(0, 120)} → ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.code, code);
    if (message) assert.match(res.body.error.message, message);
    assert.deepEqual(await snapshot(t), before);
  };

  it('a malformed subscription is invalid-payload, naming what is wrong', async () => {
    const keys = browserKeys();
    const cases: Array<[unknown, RegExp]> = [
      [{ endpoint: 'https://push.example.com/x' }, /keys/],
      [{ ...good(), keys: { ...keys, p256dh: keys.p256dh.slice(0, -2) } }, /p256dh must be 65 bytes/],
      // A compressed point (33 bytes, 0x02/0x03 first) is not what browsers give.
      [{ ...good(), keys: { ...keys, p256dh: Buffer.concat([Buffer.from([2]), randomBytes(64)]).toString('base64url') } }, /uncompressed/],
      [{ ...good(), keys: { ...keys, auth: randomBytes(15).toString('base64url') } }, /auth must be 16 bytes/],
      [{ ...good(), keys: { ...keys, auth: 'not base64url!!!!!!!!!' } }, /auth must be base64url/],
      [{ ...good(), keys: { ...keys, extra: 'x' } }, /keys/],
      [{ ...good(), extra: true }, /extra|unrecognized/i],
      [{ ...good('not a url') }, /endpoint/],
      [{ ...good(`https://push.example.com/${'a'.repeat(2100)}`) }, /at most 2048/],
      [{ ...good('https://push.example.com/\u0000') }, /endpoint/],
      [[], /expected object/i],
      ['subscribe me', /expected object/i],
    ];
    for (const [body, message] of cases) await refused('POST', body, ava.token, 400, 'invalid-payload', message);
  });

  it('an endpoint that is not https on a public host name is refused: the server would post wherever it points', async () => {
    for (const endpoint of [
      'http://push.example.com/send/x',
      'http://127.0.0.1:9/x',
      'https://127.0.0.1/x',
      'https://0x7f000001/x',
      'https://[::1]/x',
      'https://10.0.0.5/x',
      'https://169.254.169.254/latest/meta-data',
      'https://localhost/x',
      'https://db.internal/x',
      'https://intranet/x',
      'https://user:secret@push.example.com/x',
      'ftp://push.example.com/x',
    ]) {
      await refused('POST', good(endpoint), ava.token, 400, 'invalid-payload', /endpoint must/);
    }
  });

  it('a body over the size limit is too-large', async () => {
    await refused('POST', { ...good(), pad: 'x'.repeat(70 * 1024) }, ava.token, 413, 'too-large');
  });

  it('without a valid token: unauthorized', async () => {
    await refused('POST', good(), undefined, 401, 'unauthorized');
    await refused('POST', good(), 'forged.token.value', 401, 'unauthorized');
    await refused('DELETE', { endpoint: 'https://push.example.com/x' }, undefined, 401, 'unauthorized');
  });

  it("someone else's browser cannot be unsubscribed: not-found, and it stays", async () => {
    const avas = good();
    assert.equal((await t.api('POST', '/api/push/subscriptions', { token: ava.token, body: avas })).status, 204);
    await refused('DELETE', { endpoint: avas.endpoint }, ben.token, 404, 'not-found');
    await refused('DELETE', { endpoint: 'nope' }, ben.token, 400, 'invalid-payload');
    await refused('DELETE', { endpoint: avas.endpoint, userId: ava.id }, ben.token, 400, 'invalid-payload');
    assert.equal((await t.api('DELETE', '/api/push/subscriptions', { token: ava.token, body: { endpoint: avas.endpoint } })).status, 204);
  });

  it('the loopback allowance never opens anything but loopback, and never outside tests and development', () => {
    assert.equal(endpointProblem('http://127.0.0.1:4000/push', true), null);
    assert.equal(endpointProblem('http://localhost:4000/push', true), null);
    assert.match(endpointProblem('http://10.0.0.5/push', true) ?? '', /https/);
    assert.match(endpointProblem('https://10.0.0.5/push', true) ?? '', /public host/);
    assert.match(endpointProblem('http://127.0.0.1:4000/push', false) ?? '', /https/);
    assert.throws(() => loadConfig({ NODE_ENV: 'production', FLINT_PUSH_ALLOW_LOOPBACK: '1' }), /FLINT_PUSH_ALLOW_LOOPBACK/);
    assert.throws(() => loadConfig({ FLINT_VAPID_PUBLIC_KEY: 'abc' }), /together/);
  });
});

describe('push subscriptions: too fast', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t?.close());

  it('over 30 subscription calls a minute from one address: 429 rate-limited, nothing stored', async () => {
    const ava = await t.createUser('pr');
    const body = good();
    for (let i = 0; i < 30; i++) assert.equal((await t.api('POST', '/api/push/subscriptions', { token: ava.token, body })).status, 204);
    const before = await snapshot(t);
    const res = await t.api<RestError>('POST', '/api/push/subscriptions', { token: ava.token, body: good() });
    assert.equal(res.status, 429);
    assert.equal(res.body.error.code, 'rate-limited');
    assert.deepEqual(await snapshot(t), before);
  });
});
