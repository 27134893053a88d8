/**
 * The staged date for everyone (issue 10, items 8 and 9): ava goes from the chat header to the
 * summary with the keyboard alone; ben takes the date on a 360×640 phone. Every view of the call
 * on both sides passes axe (WCAG 2.1 AA); on the phone nothing scrolls sideways, every control is a
 * 44 px target and the intermission covers the stage; the voice stage shows who is speaking.
 */
import { axeViolations, CallView, ChatView, horizontalOverflow, PHONE, smallTouchTargets, tabTo } from '@flint/qa';
import { expect, test } from '@playwright/test';

async function expectAccessible(where: string, ...sides: CallView[]) {
  for (const side of sides) expect(await axeViolations(side.page), `axe, ${where}`).toEqual([]);
}

/** Whether the peer's avatar got its speaking ring within `ms` (a beep lights it for ~200 ms). */
function speakingSeen(side: CallView, ms = 6_000): Promise<boolean> {
  return side.element.evaluate(async (el, timeout) => {
    for (const until = Date.now() + timeout; Date.now() < until; ) {
      if (el.shadowRoot!.querySelector('[part=peer-avatar][data-speaking]')) return true;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    return false;
  }, ms);
}

async function expectFitsPhone(phone: CallView, where: string) {
  expect(await horizontalOverflow(phone.page), `sideways scroll, ${where}`).toBe(0);
  expect(await smallTouchTargets(phone.page), `touch targets, ${where}`).toEqual([]);
}

test('a keyboard-only staged date beside a phone one: every call view accessible, fitting the phone', async ({ browser }) => {
  test.setTimeout(120_000);
  const ben = await CallView.signIn(browser, 'ben', '/chat');
  await ben.page.setViewportSize(PHONE);
  const ava = await CallView.signIn(browser, 'ava', '/chat');
  await new ChatView(ava.app).openWith('Ben');

  await tabTo(ava.page, 'Start staged call');
  await ava.page.keyboard.press('Enter');
  await ava.expectState('DIALING');
  await ben.expectState('RINGING');
  await expectAccessible('ringing', ava, ben);
  await expectFitsPhone(ben, 'ringing');
  await ben.button('Accept').click();

  await ava.expectState('STAGE_ACTIVE', 1);
  await ben.expectState('STAGE_ACTIVE', 1);
  // The fake microphone beeps every ~2 s: the other person's ring lights up while it sounds.
  expect(await Promise.all([speakingSeen(ava), speakingSeen(ben)]), 'the speaking ring lit up (ava, ben)').toEqual([true, true]);
  await expect(ava.element.locator('[part=peer-card]')).toContainText('Ben');
  await expect(ben.element.locator('[part=peer-card]')).toContainText('Ava');
  await expectAccessible('the voice stage', ava, ben);
  await expectFitsPhone(ben, 'the voice stage');

  for (const stage of [2, 3]) {
    await ava.expectState('INTERMISSION', stage - 1);
    await ben.expectState('INTERMISSION', stage - 1);
    const covered = () =>
      ben.element.evaluate((el) => {
        const area = el.shadowRoot!.querySelector('[part=video-area]')?.getBoundingClientRect();
        const overlay = el.shadowRoot!.querySelector('[part=intermission]')?.getBoundingClientRect();
        if (!area || !overlay) return false;
        return overlay.top <= area.top && overlay.left <= area.left && overlay.right >= area.right && overlay.bottom >= area.bottom;
      });
    await expect.poll(covered, { message: 'the intermission covers the stage' }).toBe(true);
    // Ava votes first, by keyboard; the views are checked once (the decision window is 8 s in e2e).
    await tabTo(ava.page, 'Yes');
    await ava.page.keyboard.press('Space');
    if (stage === 2) {
      await expectAccessible('the intermission', ben, ava);
      await expectFitsPhone(ben, 'the intermission');
    }
    await ben.button('Yes').click();
    await ava.expectState('STAGE_ACTIVE', stage);
    await ben.expectState('STAGE_ACTIVE', stage);
    if (stage === 2) {
      await expectAccessible('a video stage', ava, ben);
      await expectFitsPhone(ben, 'a video stage');
    }
  }

  for (const side of [ava, ben]) await side.expectState('FINISHED');
  await expectAccessible('the summary', ava, ben);
  await expectFitsPhone(ben, 'the summary');
  await tabTo(ava.page, 'Back to chat');
  await ava.page.keyboard.press('Enter');
  await ava.expectState('IDLE');
  await ava.close();
  await ben.close();
});
