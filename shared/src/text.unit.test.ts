import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { text } from './schemas.ts';
import { isBlank, TextProblem, textProblem } from './text.ts';

const message = text({ max: 20, multiline: true, empty: 'message is empty' });
const name = text({ max: 20 });
const bio = text({ max: 20, multiline: true, required: false });

/** What a schema makes of an input: the stored value, or the validation messages. */
function outcome(schema: typeof name | typeof bio, input: string): { value: string } | { errors: string[] } {
  const result = schema.safeParse(input);
  return result.success ? { value: result.data } : { errors: result.error.issues.map((i) => i.message) };
}

describe('textProblem and isBlank: the text rules, case by case', () => {
  const table: Array<[label: string, input: string, multiline: boolean, problem: TextProblem | null, blank: boolean]> = [
    ['plain text', 'hello there', false, null, false],
    ['emoji and accents', 'héllo 👋🏽', false, null, false],
    ['right-to-left text with an RLM', 'שלום\u200f!', false, null, false],
    ['NUL', 'a\u0000b', false, TextProblem.CONTROL, false],
    ['NUL in a multi-line field', 'a\u0000b', true, TextProblem.CONTROL, false],
    ['bell', 'a\u0007', true, TextProblem.CONTROL, false],
    ['escape (terminal codes)', '\u001b[31mred', true, TextProblem.CONTROL, false],
    ['carriage return', 'a\rb', true, TextProblem.CONTROL, false],
    ['DEL', 'a\u007f', true, TextProblem.CONTROL, false],
    ['C1 control (NEL)', 'a\u0085b', true, TextProblem.CONTROL, false],
    ['newline in a single-line field', 'a\nb', false, TextProblem.CONTROL, false],
    ['tab in a single-line field', 'a\tb', false, TextProblem.CONTROL, false],
    ['newline in a multi-line field', 'a\nb', true, null, false],
    ['tab in a multi-line field', 'a\tb', true, null, false],
    ['LRE', 'a\u202ab', false, TextProblem.BIDI, false],
    ['RLO (the "txt.exe" trick)', 'photo\u202egpj.exe', false, TextProblem.BIDI, false],
    ['PDF', 'a\u202cb', false, TextProblem.BIDI, false],
    ['LRI', 'a\u2066b', false, TextProblem.BIDI, false],
    ['PDI', 'a\u2069b', true, TextProblem.BIDI, false],
    ['empty', '', false, null, true],
    ['spaces only', '   ', false, null, true],
    ['zero-width space only', '\u200b\u200b', false, null, true],
    ['zero-width joiners and BOM', '\u200c\u200d\ufeff', false, null, true],
    ['word joiner and soft hyphen', '\u2060\u00ad', false, null, true],
    ['Hangul filler', '\u3164', false, null, true],
    ['braille blank', '\u2800', false, null, true],
    ['ideographic and no-break spaces', '\u3000\u00a0', false, null, true],
    ['newlines only (multi-line)', '\n\n\t', true, null, true],
    ['a visible character among invisible ones', '\u200bx\u200b', false, null, false],
  ];
  for (const [label, input, multiline, problem, blank] of table) {
    it(label, () => {
      assert.equal(textProblem(input, { multiline }), problem);
      assert.equal(isBlank(input), blank);
    });
  }
});

describe('text(): the one zod schema every text field uses', () => {
  it('trims and keeps ordinary text', () => {
    assert.deepEqual(outcome(message, '  hi\nthere  '), { value: 'hi\nthere' });
    assert.deepEqual(outcome(name, ' Ava '), { value: 'Ava' });
  });

  it('refuses control characters and bidi overrides with a message saying so', () => {
    assert.deepEqual(outcome(message, 'a\u0000b'), { errors: [TextProblem.CONTROL] });
    assert.deepEqual(outcome(name, 'Ava\u202e'), { errors: [TextProblem.BIDI] });
    assert.deepEqual(outcome(name, 'a\nb'), { errors: [TextProblem.CONTROL] });
  });

  it('counts invisible-only text as empty: refused when required, stored as empty otherwise', () => {
    assert.deepEqual(outcome(message, '\u200b \u2060'), { errors: ['message is empty'] });
    assert.deepEqual(outcome(name, '\u3164'), { errors: ['is empty'] });
    assert.deepEqual(outcome(bio, '\u200b\u200b'), { value: '' });
    assert.deepEqual(outcome(bio, ''), { value: '' });
  });

  it('bounds the trimmed length', () => {
    assert.deepEqual(outcome(name, `  ${'x'.repeat(20)}  `), { value: 'x'.repeat(20) });
    assert.deepEqual(outcome(name, 'x'.repeat(21)), { errors: ['at most 20 characters'] });
  });

  it('refuses what is not a string', () => {
    for (const input of [null, 42, ['a'], { toString: 'a' }]) assert.equal(name.safeParse(input).success, false);
  });
});
