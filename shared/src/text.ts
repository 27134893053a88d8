/**
 * What counts as acceptable text from a person (messages, names, profile fields, report reasons),
 * said once for the server's schemas and any browser form (no zod here, so a browser may import it).
 *
 * - Refused: NUL and other C0 controls (newline and tab only where the field is multi-line), DEL and
 *   C1 controls: PostgreSQL cannot store NUL in text, and the rest only ever serve to corrupt logs
 *   and terminals or hide content.
 * - Refused: bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). They reorder
 *   what a reader sees (a name that reads as someone else's, a link that reads as another); the
 *   implicit marks LRM/RLM/ALM stay allowed (they cannot reorder a run, and real RTL text uses them).
 * - Blank: text with nothing visible (whitespace, zero-width and other default-ignorable characters,
 *   the braille blank and Hangul fillers) counts as empty, so "required" means something visible.
 */

/** A problem with a text, as the validation message says it. */
export const TextProblem = {
  CONTROL: 'must not contain control characters',
  BIDI: 'must not contain bidirectional override or isolate characters',
} as const;
export type TextProblem = (typeof TextProblem)[keyof typeof TextProblem];

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
const BIDI_OVERRIDE = /[\u202a-\u202e\u2066-\u2069]/u;
/**
 * Whitespace, Unicode's default-ignorable code points (zero-width space/joiners, word joiner, BOM,
 * soft hyphen, variation selectors, Hangul fillers, tags…), and the braille pattern blank U+2800,
 * which renders as nothing but is neither.
 */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** Why `text` is not acceptable, or null when it is. `multiline` admits newline and tab. */
export function textProblem(text: string, options: { multiline?: boolean } = {}): TextProblem | null {
  if ((options.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(text)) return TextProblem.CONTROL;
  if (BIDI_OVERRIDE.test(text)) return TextProblem.BIDI;
  return null;
}

/** True when nothing in `text` would show: empty, whitespace or invisible characters only. */
export const isBlank = (text: string): boolean => text.replace(INVISIBLE, '').length === 0;
