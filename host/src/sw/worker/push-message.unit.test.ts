import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callNotification, parsePushMessage, pushLocale } from './push-message.ts';

const sessionId = '0b6a4c1e-3f2d-4a5b-9c8d-7e6f5a4b3c2d';

test('a call message becomes "Incoming date from <name>", in English or Spanish, one per session, kept until acted on', () => {
  const message = { kind: 'call' as const, sessionId, from: 'Ava' };
  const en = callNotification(message, 'en');
  assert.equal(en.title, 'Incoming date from Ava');
  assert.equal(en.options.tag, `flint-call-${sessionId}`);
  assert.equal(en.options.requireInteraction, true);
  assert.equal(en.options.data.url, '/chat');
  const es = callNotification(message, 'es');
  assert.equal(es.title, 'Cita entrante de Ava');
  assert.equal(es.options.data.url, '/es/chat');
});

test("the language: the one the app was last used in, else the browser's first that Flint speaks, else English", () => {
  assert.equal(pushLocale('es', ['en-US']), 'es');
  assert.equal(pushLocale(null, ['fr-FR', 'es-ES', 'en']), 'es');
  assert.equal(pushLocale(null, ['en-GB']), 'en');
  assert.equal(pushLocale(null, ['de-DE']), 'en');
  assert.equal(pushLocale('xx', []), 'en');
});

test('only a well-formed call message is shown; a name loses control and bidi-override characters', () => {
  assert.deepEqual(parsePushMessage({ kind: 'call', sessionId, from: 'Ava' }), { kind: 'call', sessionId, from: 'Ava' });
  assert.equal(parsePushMessage({ kind: 'call', sessionId, from: '\u202eAva\u0007 ' })?.from, 'Ava');
  assert.equal(parsePushMessage({ kind: 'call', sessionId, from: 'x'.repeat(100) })?.from.length, 40);
  for (const bad of [
    null,
    'text',
    42,
    {},
    { kind: 'chat', sessionId, from: 'Ava' },
    { kind: 'call', sessionId: '../x', from: 'Ava' },
    { kind: 'call', sessionId },
  ]) {
    assert.equal(parsePushMessage(bad), null, JSON.stringify(bad));
  }
});

test('a message without a usable name still says who in general terms', () => {
  assert.equal(callNotification({ kind: 'call', sessionId, from: '' }, 'en').title, 'Incoming date from your match');
  assert.equal(callNotification({ kind: 'call', sessionId, from: '' }, 'es').title, 'Cita entrante de tu match');
});
