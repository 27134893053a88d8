/**
 * Every host page, for every person (issue 10, items 8 and 9): zero axe violations (WCAG 2.1 AA) at
 * desktop size and on a 360×640 phone, where nothing scrolls sideways and every control is a 44 px
 * touch target. The call's own views are checked during a date in call-a11y.spec.ts.
 */
import { axeViolations, ChatView, FlintApp, horizontalOverflow, PHONE, smallTouchTargets } from '@flint/qa';
import { expect, type Page, test } from '@playwright/test';

const PAGES = ['Home', 'Swipe', 'Chats', 'Live', 'Profile', 'Admin'] as const;

async function expectFitsEveryone(page: Page, phone: boolean, where: string) {
  expect(await axeViolations(page), `axe on ${where}`).toEqual([]);
  if (!phone) return;
  expect(await horizontalOverflow(page), `sideways scroll on ${where}`).toBe(0);
  expect(await smallTouchTargets(page), `touch targets on ${where}`).toEqual([]);
}

for (const phone of [false, true]) {
  const size = phone ? 'on a 360×640 phone' : 'on a desktop';
  test(`every page ${size}: no axe violation${phone ? ', no sideways scroll, 44 px targets' : ''}`, async ({ browser }) => {
    const context = await browser.newContext(phone ? { viewport: PHONE, isMobile: true, hasTouch: true } : {});
    const page = await context.newPage();
    await page.goto('/login');
    await expect(page.getByRole('button', { name: /sign in/i }).first()).toBeVisible();
    await expectFitsEveryone(page, phone, 'the sign-in page');

    const admin = new FlintApp(context, page);
    await admin.open('admin');
    for (const name of PAGES) {
      await admin.go(name);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectFitsEveryone(page, phone, `the ${name} page`);
    }
    await context.close();

    const ava = await FlintApp.signIn(browser, 'ava', '/');
    if (phone) await ava.page.setViewportSize(PHONE);
    await ava.go('Chats');
    await expect(ava.page.getByRole('link', { name: 'Ben', exact: true })).toBeVisible();
    await expectFitsEveryone(ava.page, phone, 'the chat list with a conversation');
    await new ChatView(ava).openWith('Ben');
    await expectFitsEveryone(ava.page, phone, 'a conversation');
    await ava.close();
  });
}
