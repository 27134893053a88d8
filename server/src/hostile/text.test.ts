/**
 * Text from a hostile client: NUL (which PostgreSQL cannot store, once an `internal` error), other
 * control characters, bidi overrides and invisible-only text, in every text field a person writes.
 * Each is a validation error naming the problem, and nothing changes: no row, no broadcast, and a
 * report carrying one leaves the call running.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PublicUser } from '@flint/shared';
import type { RestError, TestApp } from '../test-support/harness.ts';
import { accepted, assertRefused, createHostileApp, heardAll, liveCall, matchedPair, newPerson, snapshot } from './hostile.fixtures.ts';

const BAD_TEXT: Array<[label: string, text: string, message: RegExp]> = [
  ['NUL', 'hi\u0000there', /control characters/],
  ['escape codes', '\u001b[2Jgone', /control characters/],
  ['a bidi override', 'see \u202egpj.exe', /bidirectional/],
  ['a bidi isolate', 'a\u2067b', /bidirectional/],
  ['zero-width characters only', '\u200b\u200c\u200d\u2060', /empty|say what happened/],
  ['a Hangul filler and a braille blank', '\u3164\u2800', /empty|say what happened/],
];

describe('hostile text: every text field refuses what it must', () => {
  let t: TestApp;
  before(async () => {
    t = await createHostileApp();
  });
  after(() => t?.close());

  for (const [label, body, message] of BAD_TEXT) {
    it(`chat:send with ${label} is invalid-payload; nothing stored or sent`, async () => {
      const p = await matchedPair(t);
      const before = await snapshot(t);
      const ack = await t.emit(p.a.socket, 'chat:send', { conversationId: p.conversationId, clientId: crypto.randomUUID(), body });
      assertRefused(ack, 'invalid-payload', message);
      await heardAll(t, p.b);
      assert.equal(p.b.rec.events.length, 0);
      assert.deepEqual(await snapshot(t), before);
    });
  }

  it('chat:send with a NUL in the clientId is invalid-payload, not internal', async () => {
    const p = await matchedPair(t);
    const before = await snapshot(t);
    assertRefused(
      await t.emit(p.a.socket, 'chat:send', { conversationId: p.conversationId, clientId: 'abc\u0000defgh', body: 'hi' }),
      'invalid-payload',
      /clientId/,
    );
    assert.deepEqual(await snapshot(t), before);
  });

  it('a report with NUL (or any refused text) is invalid-payload and the call goes on for both', async () => {
    const { a, b, sessionId } = await liveCall(t);
    const heard = [a.rec.events.length, b.rec.events.length];
    const before = await snapshot(t);
    for (const [, reason, message] of BAD_TEXT) {
      assertRefused(await t.emit(a.socket, 'call:report', { sessionId, reason }), 'invalid-payload', message);
    }
    for (const p of [a, b]) await heardAll(t, p);
    assert.deepEqual([a.rec.events.length, b.rec.events.length], heard, 'nobody was told anything');
    assert.deepEqual(await snapshot(t), before, 'no report, no block, the session untouched');
    const resumed = await accepted(t.emit(b.socket, 'call:resume', { sessionId }));
    assert.equal(resumed?.state, 'active');
    await accepted(t.emit(a.socket, 'call:leave', { sessionId }));
  });

  for (const [label, text, message] of BAD_TEXT) {
    it(`PATCH /api/me with ${label} is a 400; the profile is unchanged`, async () => {
      const me = await newPerson(t, 'prof');
      const before = await snapshot(t);
      // An invisible-only bio is not an error (it is stored empty, below); a display name must show.
      const bodies = /empty/.test(message.source) ? [{ displayName: text }] : [{ displayName: text }, { bio: text }];
      for (const body of bodies) {
        const res = await t.api<RestError>('PATCH', '/api/me', { token: me.token, body });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.body.error.code, 'invalid-payload');
        assert.match(res.body.error.message, message);
      }
      assert.deepEqual(await snapshot(t), before);
    });
  }

  it('an invisible-only bio is stored as empty; a bio may hold newlines and tabs', async () => {
    const me = await newPerson(t, 'bio');
    const blank = await t.api<PublicUser>('PATCH', '/api/me', { token: me.token, body: { bio: '\u200b \u2060' } });
    assert.equal(blank.status, 200);
    assert.equal(blank.body.bio, '');
    const lines = await t.api<PublicUser>('PATCH', '/api/me', { token: me.token, body: { bio: 'line one\n\tline two' } });
    assert.equal(lines.body.bio, 'line one\n\tline two');
  });

  it('the dev login refuses a username with NUL or a bidi override as invalid-payload (never internal)', async () => {
    const before = await snapshot(t);
    for (const username of ['ava\u0000', 'a\u202eva', '\u200b']) {
      const res = await t.api<RestError>('POST', '/api/dev/login', { body: { username } });
      assert.equal(res.status, 400, JSON.stringify(username));
      assert.equal(res.body.error.code, 'invalid-payload');
    }
    assert.deepEqual(await snapshot(t), before);
  });
});
