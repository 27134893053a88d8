/**
 * The hostile-client suite: attacks on every socket event and REST route, each asserting the exact
 * refusal (error code or status) and that nothing changed, by reading every client-writable table
 * back (`snapshot`) and checking what the other people heard. Text attacks are in text.test.ts,
 * limits and floods of connections in limits.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import type { Person } from '../calls/calls.fixtures.ts';
import { createTestApp, type RestError, TEST_JWT_SECRET, type TestApp } from '../test-support/harness.ts';
import {
  assertRefused,
  createHostileApp,
  heardAll,
  liveCall,
  type MatchedPair,
  matchedPair,
  newPerson,
  snapshot,
} from './hostile.fixtures.ts';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const secret = new TextEncoder().encode(TEST_JWT_SECRET);

/** Nothing anywhere inherited a polluted property (the server runs in this process). */
function assertNoPollution(): void {
  const probe: Record<string, unknown> = {};
  for (const name of ['polluted', 'isAdmin', 'role']) assert.equal(probe[name], undefined, `Object.prototype.${name} was set`);
}

interface World {
  pair: MatchedPair;
  live: { a: Person; b: Person; sessionId: string };
  stranger: Person;
}

/** [label, who attacks, event, payload, expected code]; `who` picks the attacker from the world. */
type SocketAttack = [label: string, who: (w: World) => Person, event: string, payload: (w: World) => unknown, code: string];

const stranger = (w: World) => w.stranger;
const member = (w: World) => w.pair.a;
const caller = (w: World) => w.live.a;
const conv = (w: World) => w.pair.conversationId;
const session = (w: World) => w.live.sessionId;

/** A well-formed `call:quality` sample, with `over` changed. */
const quality = (sessionId: string, over: Record<string, unknown> = {}) => ({
  sessionId,
  stage: 1,
  level: 'poor',
  rttMs: 300,
  lossPct: 5,
  jitterMs: 30,
  fps: 12,
  videoStep: 1,
  ...over,
});

const SOCKET_ATTACKS: SocketAttack[] = [
  // The wrong person: someone else's conversation or call.
  [
    'chat:send into a stranger conversation',
    stranger,
    'chat:send',
    (w) => ({ conversationId: conv(w), clientId: crypto.randomUUID(), body: 'hi' }),
    'forbidden',
  ],
  ['chat:history of a stranger conversation', stranger, 'chat:history', (w) => ({ conversationId: conv(w) }), 'forbidden'],
  ['chat:typing into a stranger conversation', stranger, 'chat:typing', (w) => ({ conversationId: conv(w), typing: true }), 'forbidden'],
  ['chat:read of a stranger conversation', stranger, 'chat:read', (w) => ({ conversationId: conv(w), upTo: 1 }), 'forbidden'],
  ['chat:delivered of a stranger conversation', stranger, 'chat:delivered', (w) => ({ conversationId: conv(w), upTo: 1 }), 'forbidden'],
  [
    'chat:send into an unknown conversation',
    member,
    'chat:send',
    () => ({ conversationId: UNKNOWN_ID, clientId: crypto.randomUUID(), body: 'hi' }),
    'forbidden',
  ],
  ['call:request on a stranger match', stranger, 'call:request', (w) => ({ matchId: w.pair.matchId }), 'forbidden'],
  ['call:request on an unknown match', member, 'call:request', () => ({ matchId: UNKNOWN_ID }), 'not-found'],
  ['call:respond to a stranger call', stranger, 'call:respond', (w) => ({ sessionId: session(w), accept: true }), 'forbidden'],
  ['call:ready in a stranger call', stranger, 'call:ready', (w) => ({ sessionId: session(w), stage: 1 }), 'forbidden'],
  ['call:vote in a stranger call', stranger, 'call:vote', (w) => ({ sessionId: session(w), stage: 1, proceed: true }), 'forbidden'],
  ['call:media-path in a stranger call', stranger, 'call:media-path', (w) => ({ sessionId: session(w), stage: 1, up: false }), 'forbidden'],
  ['call:leave a stranger call', stranger, 'call:leave', (w) => ({ sessionId: session(w) }), 'forbidden'],
  ['call:signal into a stranger call', stranger, 'call:signal', (w) => ({ sessionId: session(w), data: { sdp: 'x' } }), 'forbidden'],
  ['call:media in a stranger call', stranger, 'call:media', (w) => ({ sessionId: session(w), audio: true, video: true }), 'forbidden'],
  [
    'call:device-failed in a stranger call',
    stranger,
    'call:device-failed',
    (w) => ({ sessionId: session(w), stage: 1, reason: 'no-device' }),
    'forbidden',
  ],
  ['call:report in a stranger call', stranger, 'call:report', (w) => ({ sessionId: session(w), reason: 'spam' }), 'forbidden'],
  ['call:block in a stranger call', stranger, 'call:block', (w) => ({ sessionId: session(w) }), 'forbidden'],
  ['call:unavailable in a stranger call', stranger, 'call:unavailable', (w) => ({ sessionId: session(w) }), 'forbidden'],
  ['call:quality in a stranger call', stranger, 'call:quality', (w) => quality(session(w)), 'forbidden'],
  ['call:leave an unknown call', caller, 'call:leave', () => ({ sessionId: UNKNOWN_ID }), 'not-found'],
  ['call:leaving a stranger call', stranger, 'call:leaving', (w) => ({ sessionId: session(w) }), 'forbidden'],
  ['call:leaving an unknown call', caller, 'call:leaving', () => ({ sessionId: UNKNOWN_ID }), 'not-found'],
  ['call:leaving naming who leaves', caller, 'call:leaving', (w) => ({ sessionId: session(w), userId: w.live.b.id }), 'invalid-payload'],
  [
    'call:gate in a stranger call',
    stranger,
    'call:gate',
    (w) => ({ sessionId: session(w), stage: 1, reason: 'no-device', endsInMs: 1000 }),
    'forbidden',
  ],
  [
    'call:gate once the stage runs (the gate passed)',
    caller,
    'call:gate',
    (w) => ({ sessionId: session(w), stage: 1, reason: 'no-device', endsInMs: 1000 }),
    'wrong-state',
  ],
  [
    'call:gate with a budget of a year',
    caller,
    'call:gate',
    (w) => ({ sessionId: session(w), stage: 1, reason: 'no-device', endsInMs: 31_536_000_000 }),
    'invalid-payload',
  ],
  [
    'call:gate with an unknown reason',
    caller,
    'call:gate',
    (w) => ({ sessionId: session(w), stage: 1, reason: 'shy', endsInMs: 1000 }),
    'invalid-payload',
  ],
  // The wrong state: a participant asking for what the call is not ready for.
  [
    'call:vote while the stage is still running',
    caller,
    'call:vote',
    (w) => ({ sessionId: session(w), stage: 1, proceed: true }),
    'wrong-state',
  ],
  ['call:ready for a stage not yet reached', caller, 'call:ready', (w) => ({ sessionId: session(w), stage: 2 }), 'wrong-state'],
  [
    'call:media-path for a stage that is not running',
    caller,
    'call:media-path',
    (w) => ({ sessionId: session(w), stage: 2, up: false }),
    'wrong-state',
  ],
  ['call:respond in a live call (nobody was rung)', caller, 'call:respond', (w) => ({ sessionId: session(w), accept: false }), 'forbidden'],
  ['call:quality for a stage that is not running', caller, 'call:quality', (w) => quality(session(w), { stage: 2 }), 'wrong-state'],
  ['queue:join while in a call', caller, 'queue:join', () => ({}), 'busy'],
  // Unknown and prototype-named events.
  ['an unknown event', member, 'admin:drop-all', () => ({}), 'unknown-event'],
  ['the event "__proto__"', member, '__proto__', () => ({}), 'unknown-event'],
  ['the event "constructor"', member, 'constructor', () => ({}), 'unknown-event'],
  ['the event "toString"', member, 'toString', () => ({}), 'unknown-event'],
  ['the event "hasOwnProperty"', member, 'hasOwnProperty', () => ({ polluted: true }), 'unknown-event'],
  // Malformed payloads.
  ['chat:send with no payload', member, 'chat:send', () => undefined, 'invalid-payload'],
  ['chat:send with null', member, 'chat:send', () => null, 'invalid-payload'],
  ['chat:send with an array', member, 'chat:send', (w) => [conv(w), 'hi'], 'invalid-payload'],
  ['chat:send with a string', member, 'chat:send', () => 'hi', 'invalid-payload'],
  ['chat:send with a number', member, 'chat:send', () => 42, 'invalid-payload'],
  [
    'chat:send with a body that is an object',
    member,
    'chat:send',
    (w) => ({ conversationId: conv(w), clientId: crypto.randomUUID(), body: { toString: 'x' } }),
    'invalid-payload',
  ],
  [
    'chat:send naming its own seq',
    member,
    'chat:send',
    (w) => ({ conversationId: conv(w), clientId: crypto.randomUUID(), body: 'hi', seq: 1 }),
    'invalid-payload',
  ],
  [
    'chat:send naming a sender',
    member,
    'chat:send',
    (w) => ({ conversationId: conv(w), clientId: crypto.randomUUID(), body: 'hi', senderId: w.pair.b.id }),
    'invalid-payload',
  ],
  ['chat:history asking for 1000 messages', member, 'chat:history', (w) => ({ conversationId: conv(w), limit: 1000 }), 'invalid-payload'],
  ['chat:read with a negative seq', member, 'chat:read', (w) => ({ conversationId: conv(w), upTo: -1 }), 'invalid-payload'],
  ['call:ready with stage 0', caller, 'call:ready', (w) => ({ sessionId: session(w), stage: 0 }), 'invalid-payload'],
  ['call:media-path with up as text', caller, 'call:media-path', (w) => ({ sessionId: session(w), stage: 1, up: 'no' }), 'invalid-payload'],
  [
    'call:media-path with an extra key',
    caller,
    'call:media-path',
    (w) => ({ sessionId: session(w), stage: 1, up: false, endsAt: 0 }),
    'invalid-payload',
  ],
  ['call:ready with stage 1.5', caller, 'call:ready', (w) => ({ sessionId: session(w), stage: 1.5 }), 'invalid-payload'],
  ['call:ready with a stage as text', caller, 'call:ready', (w) => ({ sessionId: session(w), stage: '1' }), 'invalid-payload'],
  ['call:leave with a session id that is not a UUID', caller, 'call:leave', () => ({ sessionId: "1' OR '1'='1" }), 'invalid-payload'],
  [
    'call:device-failed with an unknown reason',
    caller,
    'call:device-failed',
    (w) => ({ sessionId: session(w), stage: 1, reason: 'bored' }),
    'invalid-payload',
  ],
  [
    'call:media with strings for booleans',
    caller,
    'call:media',
    (w) => ({ sessionId: session(w), audio: 'false', video: 0 }),
    'invalid-payload',
  ],
  [
    'call:signal with data that is not an object',
    caller,
    'call:signal',
    (w) => ({ sessionId: session(w), data: 'sdp' }),
    'invalid-payload',
  ],
  ['call:quality with loss over 100 %', caller, 'call:quality', (w) => quality(session(w), { lossPct: 1e9 }), 'invalid-payload'],
  ['call:quality with figures as text', caller, 'call:quality', (w) => quality(session(w), { rttMs: 'NaN' }), 'invalid-payload'],
  ['queue:join with extra fields', member, 'queue:join', () => ({ priority: 1 }), 'invalid-payload'],
  // Oversized.
  [
    'call:signal over 16 KB',
    caller,
    'call:signal',
    (w) => ({ sessionId: session(w), data: { sdp: 'x'.repeat(20_000) } }),
    'invalid-payload',
  ],
  [
    'presence:query for 501 people',
    member,
    'presence:query',
    () => ({ userIds: Array.from({ length: 501 }, () => crypto.randomUUID()) }),
    'invalid-payload',
  ],
  [
    'chat:send with a 40 KB body',
    member,
    'chat:send',
    (w) => ({ conversationId: conv(w), clientId: crypto.randomUUID(), body: 'x'.repeat(40_000) }),
    'invalid-payload',
  ],
  [
    'chat:send with a 65-character clientId',
    member,
    'chat:send',
    (w) => ({ conversationId: conv(w), clientId: 'c'.repeat(65), body: 'hi' }),
    'invalid-payload',
  ],
  ['a payload nested 1,000 deep', member, 'chat:send', () => JSON.parse(`${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`), 'invalid-payload'],
  // Prototype pollution.
  [
    'chat:send with a "__proto__" key',
    member,
    'chat:send',
    (w) =>
      JSON.parse(
        `{"conversationId":"${conv(w)}","clientId":"${crypto.randomUUID()}","body":"hi","__proto__":{"polluted":true,"isAdmin":true}}`,
      ),
    'invalid-payload',
  ],
  [
    'chat:send with a "constructor.prototype" key',
    member,
    'chat:send',
    (w) => ({ conversationId: conv(w), clientId: crypto.randomUUID(), body: 'hi', constructor: { prototype: { polluted: true } } }),
    'invalid-payload',
  ],
  [
    'presence:query with a "__proto__" key',
    member,
    'presence:query',
    () => JSON.parse('{"userIds":[],"__proto__":{"polluted":true}}'),
    'invalid-payload',
  ],
  [
    'call:vote with "__proto__" as its only key',
    caller,
    'call:vote',
    () => JSON.parse('{"__proto__":{"role":"admin"}}'),
    'invalid-payload',
  ],
];

describe('hostile client: socket events as the wrong person, in the wrong state, malformed, oversized, polluting', () => {
  let t: TestApp;
  let w: World;
  before(async () => {
    t = await createHostileApp();
    w = { pair: await matchedPair(t), live: await liveCall(t), stranger: await newPerson(t, 'stranger') };
  });
  after(() => t?.close());

  for (const [label, who, event, payload, code] of SOCKET_ATTACKS) {
    it(`${label}: ${code}, nothing changed, nobody told`, async () => {
      const people = [w.pair.a, w.pair.b, w.live.a, w.live.b, w.stranger];
      const heard = people.map((p) => p.rec.events.length);
      const before = await snapshot(t);
      assertRefused(await t.emit(who(w).socket, event, payload(w)), code);
      for (const p of people) await heardAll(t, p);
      assert.deepEqual(
        people.map((p) => p.rec.events.length),
        heard,
        'no call event reached anyone',
      );
      assert.deepEqual(await snapshot(t), before);
      assertNoPollution();
    });
  }

  it('a packet over the 64 KB buffer limit drops only that socket; nothing changed; the user reconnects', async () => {
    const attacker = await newPerson(t, 'big');
    const before = await snapshot(t);
    const gone = new Promise<string>((resolve) => attacker.socket.once('disconnect', resolve));
    attacker.socket.emit('chat:send', { conversationId: conv(w), clientId: crypto.randomUUID(), body: 'x'.repeat(70_000) });
    assert.equal(await gone, 'transport close');
    assert.deepEqual(await snapshot(t), before);
    assert.ok((await t.connect(attacker.token)).connected);
  });
});

describe('hostile client: handshakes with no, forged, expired or odd tokens', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t?.close());

  const tokens: Array<[label: string, token: () => Promise<string | undefined>]> = [
    ['no token', async () => undefined],
    ['an empty token', async () => ''],
    [
      'a token signed with another secret',
      async () =>
        new SignJWT({})
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject(UNKNOWN_ID)
          .setIssuer('flint')
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode('x'.repeat(48))),
    ],
    [
      'an expired token',
      async () =>
        new SignJWT({})
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject((await t.login('ava')).user.id)
          .setIssuer('flint')
          .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
          .sign(secret),
    ],
    [
      'a token without an expiry',
      async () =>
        new SignJWT({})
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject((await t.login('ava')).user.id)
          .setIssuer('flint')
          .sign(secret),
    ],
    [
      'a token of another issuer',
      async () =>
        new SignJWT({})
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject((await t.login('ava')).user.id)
          .setIssuer('evil')
          .setExpirationTime('1h')
          .sign(secret),
    ],
    [
      'an unsigned ("alg: none") token',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: (await t.login('admin')).user.id, iss: 'flint', exp: 9e9 })).toString('base64url')}.`,
    ],
    [
      'a valid token for a user that does not exist',
      async () =>
        new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(UNKNOWN_ID).setIssuer('flint').setExpirationTime('1h').sign(secret),
    ],
    ['a 9 KB token (over the length any token may have)', async () => 'x'.repeat(9000)],
  ];

  for (const [label, token] of tokens) {
    it(`a socket with ${label}: connect_error unauthorized; REST: 401`, async () => {
      const value = await token();
      const before = await snapshot(t);
      await assert.rejects(t.connect(value), { message: 'unauthorized' });
      const res = await t.api<RestError>('GET', '/api/me', { token: value });
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, 'unauthorized');
      assert.deepEqual(await snapshot(t), before);
    });
  }

  it('a token in the URL instead of the handshake auth is not read: unauthorized', async () => {
    const { token } = await t.login('ava');
    await assert.rejects(t.connect(undefined, { query: { token } }), { message: 'unauthorized' });
    assert.equal((await t.api('GET', `/api/me?token=${token}`)).status, 401);
  });
});

describe('hostile client: REST routes as the wrong user or with bad bodies', () => {
  let t: TestApp;
  let user: { id: string; token: string };
  let adminToken: string;
  before(async () => {
    t = await createTestApp();
    user = await t.createUser('rest');
    adminToken = (await t.login('admin')).token;
  });
  after(() => t?.close());

  const raw = (method: string, path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(t.url + path, {
      method,
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json', ...headers },
      body,
    });

  const attacks: Array<[label: string, run: () => Promise<{ status: number; code: string | undefined }>, status: number, code: string]> = [
    ['GET /api/admin/stats as a user', async () => call('GET', '/api/admin/stats', user.token), 403, 'forbidden'],
    [
      'PUT /api/admin/connection-mode as a user',
      async () => call('PUT', '/api/admin/connection-mode', user.token, { mode: 'polling' }),
      403,
      'forbidden',
    ],
    [
      'PUT /api/admin/connection-mode with an unknown mode',
      async () => call('PUT', '/api/admin/connection-mode', adminToken, { mode: 'carrier-pigeon' }),
      400,
      'invalid-payload',
    ],
    ['PATCH /api/me making oneself admin', async () => call('PATCH', '/api/me', user.token, { role: 'admin' }), 400, 'invalid-payload'],
    [
      'PATCH /api/me with a "__proto__" key',
      async () => body(await raw('PATCH', '/api/me', '{"displayName":"x","__proto__":{"role":"admin","polluted":true}}')),
      400,
      'invalid-payload',
    ],
    [
      'PATCH /api/me with "constructor.prototype"',
      async () => call('PATCH', '/api/me', user.token, { constructor: { prototype: { polluted: true } } }),
      400,
      'invalid-payload',
    ],
    ['PATCH /api/me with malformed JSON', async () => body(await raw('PATCH', '/api/me', '{"displayName":')), 400, 'invalid-payload'],
    [
      'PATCH /api/me with a 100 KB body',
      async () => body(await raw('PATCH', '/api/me', JSON.stringify({ bio: 'x'.repeat(100_000) }))),
      413,
      'too-large',
    ],
    [
      'POST /api/swipes with an unknown target',
      async () => call('POST', '/api/swipes', user.token, { targetId: UNKNOWN_ID, like: true }),
      404,
      'not-found',
    ],
    [
      'POST /api/swipes on oneself',
      async () => call('POST', '/api/swipes', user.token, { targetId: user.id, like: true }),
      400,
      'invalid-payload',
    ],
    [
      'POST /api/swipes with a target that is not a UUID',
      async () => call('POST', '/api/swipes', user.token, { targetId: '../admin', like: true }),
      400,
      'invalid-payload',
    ],
    [
      'POST /api/dev/login with an object for a name',
      async () => call('POST', '/api/dev/login', undefined, { username: { $ne: null } }),
      400,
      'invalid-payload',
    ],
    ['GET /api/users/:id with a path-traversing id', async () => call('GET', '/api/users/..%2F..%2Fadmin', user.token), 404, 'not-found'],
  ];

  async function body(res: Response) {
    const text = await res.text();
    return { status: res.status, code: (JSON.parse(text) as RestError).error?.code };
  }
  async function call(method: string, path: string, token: string | undefined, payload?: unknown) {
    const res = await t.api<RestError>(method, path, { token, body: payload });
    return { status: res.status, code: res.body?.error?.code };
  }

  for (const [label, run, status, code] of attacks) {
    it(`${label}: ${status} ${code}, nothing changed`, async () => {
      const before = await snapshot(t);
      assert.deepEqual(await run(), { status, code });
      assert.deepEqual(await snapshot(t), before);
      assertNoPollution();
    });
  }
});

describe('hostile client: floods', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { FLINT_RATE_LIMIT_PER_S: '5' } });
  });
  after(() => t?.close());

  it('a burst of 30 messages: the first 5 are stored, the rest rate-limited and never stored or sent', async () => {
    const p = await matchedPair(t);
    const acks = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.emit(p.a.socket, 'chat:send', { conversationId: p.conversationId, clientId: crypto.randomUUID(), body: `m${i}` }),
      ),
    );
    const accepted = acks.filter((a) => a.ok).length;
    assert.ok(accepted <= 10, `at most two windows' worth accepted, got ${accepted}`);
    for (const ack of acks.filter((a) => !a.ok)) assertRefused(ack, 'rate-limited');
    const stored = (await snapshot(t)).messages!.filter((m) => m.includes(p.conversationId)).length;
    assert.equal(stored, accepted, 'exactly the accepted messages are stored');
  });
});

describe('hostile client: a call:quality flood', () => {
  let t: TestApp;
  before(async () => {
    t = await createHostileApp();
  });
  after(() => t?.close());

  it('50 samples at once from one socket: 3 are stored and relayed, the rest rate-limited (the general budget is not reached)', async () => {
    const { a, b, sessionId } = await liveCall(t);
    const acks = await Promise.all(Array.from({ length: 50 }, () => t.emit(a.socket, 'call:quality', quality(sessionId))));
    assert.equal(acks.filter((ack) => ack.ok).length, 3);
    for (const ack of acks.filter((x) => !x.ok)) assertRefused(ack, 'rate-limited');
    await heardAll(t, b);
    assert.equal(b.rec.events.filter(([e]) => e === 'call:peer-quality').length, 3, 'the peer heard the accepted ones only');
    const rows = (await snapshot(t)).call_quality!;
    assert.equal(rows.length, 1);
    assert.equal(JSON.parse(rows[0]!).poor_samples, 3);
  });
});
