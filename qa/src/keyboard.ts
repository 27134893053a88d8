/**
 * Keyboard-only use, as a person without a mouse does it: Tab (through every open shadow root, as
 * the browser moves focus) until the focused control has the accessible name wanted.
 */
import type { Page } from '@playwright/test';

/** The accessible name of the deepest focused element (through shadow roots), or ''. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Presses Tab until the control named `name` has focus; throws after `max` presses. */
export async function tabTo(page: Page, name: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if ((await focusedName(page)) === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`"${name}" never got focus after ${max} presses of Tab (last: "${await focusedName(page)}")`);
}
