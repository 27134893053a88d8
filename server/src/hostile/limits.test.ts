/**
 * Abuse refused: REST rate limits (per address; the dev login lower), sockets per user, handshakes
 * per address, and the Origin check on every engine.io request, not only the handshake. Each refusal
 * is exact and changes nothing.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ALLOWED_ORIGIN, createTestApp, type RestError, type TestApp } from '../test-support/harness.ts';
import { snapshot } from './hostile.fixtures.ts';

/** Opens an engine.io session over polling (a handshake) and returns its id; `close` ends it. */
async function handshake(t: TestApp, origin = ALLOWED_ORIGIN): Promise<{ status: number; sid?: string; body: string }> {
  const res = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
  const body = await res.text();
  return res.status === 200 ? { status: 200, sid: (JSON.parse(body.slice(1)) as { sid: string }).sid, body } : { status: res.status, body };
}

/** Sends the close packet, so the server lets the session go at once. */
async function closeSession(t: TestApp, sid: string): Promise<void> {
  const res = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
    method: 'POST',
    headers: { origin: ALLOWED_ORIGIN, 'content-type': 'text/plain' },
    body: '1',
  });
  await res.text();
}

describe('REST rate limits', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { FLINT_REST_RATE_LIMIT_PER_MIN: '5', FLINT_LOGIN_RATE_LIMIT_PER_MIN: '2' } });
  });
  after(() => t?.close());

  it('an address over its /api budget gets 429 rate-limited with retry-after; pages and other limits are apart', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await t.api('GET', '/api/health')).status, 200);
    const res = await fetch(`${t.url}/api/config`);
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) > 0);
    const body = (await res.json()) as RestError;
    assert.equal(body.error.code, 'rate-limited');
    assert.match(body.error.message, /too many requests/);
    // A page load is not an API call: the shell's files stay reachable.
    assert.notEqual((await fetch(`${t.url}/`)).status, 429);
  });

  it('the dev login has its own lower budget; a refused login issues no token and changes nothing', async () => {
    const first = await t.api<{ token?: string }>('POST', '/api/dev/login', { body: { username: 'ava' } });
    assert.equal(first.status, 200);
    assert.equal((await t.api('POST', '/api/dev/login', { body: { username: 'nobody-here' } })).status, 404, 'a wrong name counts too');
    const before = await snapshot(t);
    const refused = await t.api<RestError & { token?: string }>('POST', '/api/dev/login', { body: { username: 'admin' } });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'rate-limited');
    assert.equal(refused.body.token, undefined);
    assert.deepEqual(await snapshot(t), before);
  });
});

describe('sockets per user', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { FLINT_MAX_SOCKETS_PER_USER: '3', FLINT_RATE_LIMIT_PER_S: '10000' } });
  });
  after(() => t?.close());

  it('the socket over FLINT_MAX_SOCKETS_PER_USER gets connect_error too-many-connections; others are unaffected', async () => {
    const ava = await t.login('ava');
    const held = [await t.connect(ava.token), await t.connect(ava.token), await t.connect(ava.token)];
    await assert.rejects(t.connect(ava.token), { message: 'too-many-connections' });
    const ben = await t.login('ben');
    await t.connect(ben.token);
    // Leaving frees a place.
    held[0]!.disconnect();
    const deadline = Date.now() + 5000;
    let again: Awaited<ReturnType<TestApp['connect']>> | undefined;
    while (!again && Date.now() < deadline) again = await t.connect(ava.token).catch(() => undefined);
    assert.ok(again?.connected, 'a place freed by a disconnect is usable');
    await assert.rejects(t.connect(ava.token), { message: 'too-many-connections' });
    await t.disconnectAll();
  });

  it('a burst of simultaneous handshakes admits exactly the limit', async () => {
    const cleo = await t.login('cleo');
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => t.connect(cleo.token)));
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 3);
    for (const o of outcomes) if (o.status === 'rejected') assert.equal((o.reason as Error).message, 'too-many-connections');
    await t.disconnectAll();
  });

  it('a handshake refused for its token is not counted against anyone', async () => {
    const dan = await t.login('dan');
    for (let i = 0; i < 5; i++) await assert.rejects(t.connect('forged'), { message: 'unauthorized' });
    for (let i = 0; i < 3; i++) await t.connect(dan.token);
    await t.disconnectAll();
  });
});

describe('handshakes per address', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { FLINT_HANDSHAKE_LIMIT_PER_MIN: '3' } });
  });
  after(() => t?.close());

  it('the handshake over FLINT_HANDSHAKE_LIMIT_PER_MIN is refused with 403 "too many handshakes"; open sessions carry on', async () => {
    const sessions: string[] = [];
    for (let i = 0; i < 3; i++) {
      const h = await handshake(t);
      assert.equal(h.status, 200);
      sessions.push(h.sid!);
    }
    const refused = await handshake(t);
    assert.equal(refused.status, 403);
    assert.match(refused.body, /too many handshakes/);
    const { token } = await t.login('ava');
    await assert.rejects(t.connect(token));
    // A session opened before the budget ran out still polls.
    const poll = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling&sid=${sessions[0]}`, {
      method: 'POST',
      headers: { origin: ALLOWED_ORIGIN, 'content-type': 'text/plain' },
      body: '3',
    });
    assert.equal(poll.status, 200);
    await poll.text();
    for (const sid of sessions) await closeSession(t, sid);
  });
});

describe('Origin on every engine.io request', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t?.close());

  it('a poll or a post of an open session from a foreign Origin is refused (400); from the allowed one it works', async () => {
    const { sid } = await handshake(t);
    assert.ok(sid);
    for (const method of ['GET', 'POST'] as const) {
      const res: Response = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
        method,
        headers: { origin: 'http://evil.example', 'content-type': 'text/plain' },
        body: method === 'POST' ? '40' : undefined,
      });
      assert.equal(res.status, 400, method);
      await res.text();
    }
    // The session is intact for its own page: a ping from the allowed origin is accepted.
    const ok = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
      method: 'POST',
      headers: { origin: ALLOWED_ORIGIN, 'content-type': 'text/plain' },
      body: '3',
    });
    assert.equal(ok.status, 200);
    await ok.text();
    await closeSession(t, sid);
  });

  it('a websocket upgrade of an open session from a foreign Origin is refused; from the allowed one it switches', async () => {
    const upgrade = (sid: string, origin: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${t.url}/socket.io/?EIO=4&transport=websocket&sid=${sid}`, {
          headers: {
            origin,
            connection: 'Upgrade',
            upgrade: 'websocket',
            'sec-websocket-version': '13',
            'sec-websocket-key': randomBytes(16).toString('base64'),
          },
        });
        req.on('upgrade', (res, socket) => {
          socket.destroy();
          resolve(res.statusCode ?? 0);
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve(0) : reject(err)));
        req.end();
      });
    const { sid } = await handshake(t);
    const refused = await upgrade(sid!, 'http://evil.example');
    assert.notEqual(refused, 101, 'no websocket for a foreign page');
    assert.equal(await upgrade(sid!, ALLOWED_ORIGIN), 101);
  });
});
