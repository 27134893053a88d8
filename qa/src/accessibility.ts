/**
 * What a page owes every person, checked the same way on every view: axe-core's WCAG 2.1 A/AA
 * rules (open shadow roots included), no horizontal scroll, and touch targets of at least 44 CSS
 * pixels on a phone (WCAG 2.5.5; inline links inside running text are exempt, as the criterion says).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export const PHONE = { width: 360, height: 640 } as const;
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe's violations on the page as one readable line each (rule, element, why): [] when clean. */
export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary?.split('\n')[1]?.trim()})`));
}

/** How far the page scrolls sideways (0 when everything fits the viewport's width). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Visible controls, through every open shadow root, smaller than `min` px in either direction. */
export function smallTouchTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((size) => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], summary';
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const control of root.querySelectorAll<HTMLElement>(selector)) {
        // A radio button or checkbox is pressed through its label: the label is the target.
        const el = control.matches('[type=radio], [type=checkbox]') ? (control.closest('label') ?? control) : control;
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
        if (el.closest('p') && el.tagName === 'A') continue;
        if (box.width < size || box.height < size) {
          const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
          found.push(`${control.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
        }
      }
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    return found;
  }, min);
}
