import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_CHAT_BODY } from '@flint/shared';
import { COUNTER_MARGIN, measure } from './composer-limit.ts';

test('short text: no counter, sendable', () => {
  assert.deepEqual(measure('hello'), { length: 5, left: MAX_CHAT_BODY - 5, showCounter: false, over: false, empty: false });
});

test('the counter appears within the margin of the limit, and exactly the limit is still sendable', () => {
  assert.equal(measure('x'.repeat(MAX_CHAT_BODY - COUNTER_MARGIN - 1)).showCounter, false);
  assert.equal(measure('x'.repeat(MAX_CHAT_BODY - COUNTER_MARGIN)).showCounter, true);
  const full = measure('x'.repeat(MAX_CHAT_BODY));
  assert.equal(full.left, 0);
  assert.equal(full.over, false);
});

test('one over the limit is refused, and says by how much', () => {
  const over = measure('x'.repeat(MAX_CHAT_BODY + 7));
  assert.equal(over.over, true);
  assert.equal(over.left, -7);
});

test('counts as the server does: trimmed, in UTF-16 code units', () => {
  assert.equal(measure(`  ${'x'.repeat(MAX_CHAT_BODY)}\n\n `).over, false, 'surrounding whitespace is trimmed by the server');
  assert.equal(measure('😀'.repeat(MAX_CHAT_BODY / 2 + 1)).over, true, 'an emoji is two code units');
  assert.equal(measure(' \n\t ').empty, true);
});
