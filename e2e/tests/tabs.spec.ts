/**
 * <flint-call> as people live with it (issue 10): one session per browser, and one tab owns the
 * call. ava's tabs share one browser context (one device); ben is another context.
 */

import { CallView, ChatView, FlintApp } from '@flint/qa';
import { type BrowserContext, expect, test } from '@playwright/test';

/** Another tab of the same browser, opened without `?as=` (the browser's session signs it in). */
async function anotherTab(context: BrowserContext, path = '/'): Promise<CallView> {
  const app = new FlintApp(context, await context.newPage());
  await app.page.goto(path);
  await expect(app.nav).toBeVisible();
  await app.waitConnected();
  return new CallView(app.page, app);
}

test('one tab owns the call: the other tabs say so, a tab opened mid-stage takes no device, and ben keeps receiving from the first', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const ben = await CallView.signIn(browser, 'ben', '/chat');
  const ava = await CallView.signIn(browser, 'ava', '/chat');
  const second = await anotherTab(ava.app.context);

  await new ChatView(ava.app).openWith('Ben');
  await ava.button('Start staged call').click();
  await ben.expectState('RINGING');
  await ben.button('Accept').click();
  await ava.expectState('STAGE_ACTIVE', 1);
  await ben.expectState('STAGE_ACTIVE', 1);

  // Mid-stage: a third tab opens. It asks the server, which says the call runs elsewhere.
  const third = await anotherTab(ava.app.context);
  for (const tab of [second, third]) {
    await expect(tab.page.getByText('In a date in another tab')).toBeVisible();
    await tab.expectState('IDLE');
  }
  expect((await third.tracks()).total, 'the third tab never asked for a device').toBe(0);

  // On to the video stage: still only the first tab captures and sends; ben receives it.
  await ava.expectState('INTERMISSION', 1, 20_000);
  await ava.button('Yes').click();
  await ben.button('Yes').click();
  await ava.expectState('STAGE_ACTIVE', 2);
  await expect.poll(() => ben.packetsReceived('video')).toBeGreaterThan(10);
  expect((await ava.tracks()).live, 'the first tab holds the devices').toBeGreaterThan(0);
  for (const tab of [second, third]) {
    await tab.expectState('IDLE');
    expect((await tab.tracks()).total, 'no capture track in the other tabs').toBe(0);
    expect(await tab.page.evaluate(() => (window.__flintPeers ?? []).length), 'no peer connection in the other tabs').toBe(0);
  }

  await ava.button('Hang up').click();
  await ben.expectState('FINISHED');
  for (const tab of [second, third]) await expect(tab.page.getByText('In a date in another tab')).toBeHidden();
  await ava.app.close();
  await ben.app.close();
});

test('on /es the call rings in Spanish, over the profile form, without taking the focus from the field', async ({ browser }) => {
  const ben = await CallView.signIn(browser, 'ben', '/es/profile');
  const ava = await CallView.signIn(browser, 'ava', '/chat');
  const bio = ben.page.locator('textarea#bio');
  await bio.click();
  await bio.pressSequentially('Me gusta ');

  await new ChatView(ava.app).openWith('Ben');
  await ava.button('Start staged call').click();
  await ben.expectState('RINGING');
  const prompt = ben.page.getByRole('alertdialog', { name: 'Cita por etapas entrante' });
  await expect(prompt).toBeVisible();
  await expect(prompt.getByRole('button', { name: 'Aceptar' })).toBeVisible();
  await expect(bio).toBeFocused();
  await bio.pressSequentially('bailar ');
  await ben.page.keyboard.press('Enter');
  await expect(bio).toHaveValue(/Me gusta bailar \n$/);
  await ben.expectState('RINGING');

  await ben.page.keyboard.press('F2');
  await expect(prompt.getByRole('button', { name: 'Aceptar' })).toBeFocused();
  await ben.page.keyboard.press('Tab');
  await ben.page.keyboard.press('Enter');
  await ben.expectState('IDLE');
  await ava.expectState('FINISHED');
  await ava.app.close();
  await ben.app.close();
});
