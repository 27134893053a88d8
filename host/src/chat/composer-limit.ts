/**
 * What the composer says about length, as a pure function of its text. The server trims a body and
 * refuses it above MAX_CHAT_BODY UTF-16 code units (what `length` counts), so the composer measures
 * the same way: a counter shows near the limit, and sending over it is refused before it leaves.
 */
import { MAX_CHAT_BODY } from '@flint/shared';

/** The counter appears this close to the limit. */
export const COUNTER_MARGIN = 400;

export interface Measure {
  length: number;
  /** Characters left before the limit; negative when over it. */
  left: number;
  showCounter: boolean;
  over: boolean;
  empty: boolean;
}

export function measure(text: string, max = MAX_CHAT_BODY): Measure {
  const length = text.trim().length;
  const left = max - length;
  return { length, left, showCounter: left <= COUNTER_MARGIN, over: left < 0, empty: length === 0 };
}
