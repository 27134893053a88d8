import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstName } from './push.service.ts';

test('a push names the caller by the first word of their display name only, bounded', () => {
  assert.equal(firstName('Ava'), 'Ava');
  assert.equal(firstName('  Mary Ann Smith '), 'Mary');
  assert.equal(firstName('José\tLuis'), 'José');
  assert.equal(firstName('x'.repeat(60)).length, 40);
  assert.equal(firstName(''), '');
});
