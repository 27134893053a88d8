/**
 * The foundation flows (issue 2): one socket per tab across routes, toasts on every route without
 * losing what the user typed, presence following the other user's tabs, and a host that keeps
 * working when call-remote cannot be reached.
 */

import { CallView, ChatView, FlintApp, ServerApi } from '@flint/qa';
import { expect, test } from '@playwright/test';

test('the socket stays the same across every route, and the server saw one connection', async ({ browser, baseURL }) => {
  const observer = await ServerApi.as(baseURL!, 'admin');
  const before = await observer.connectionsTotal();
  const cleo = await FlintApp.signIn(browser, 'cleo');
  const first = await cleo.waitConnected();
  expect(first.socketId).toBeTruthy();

  for (const [link, path] of [
    ['Chats', '/chat'],
    ['Profile', '/profile'],
    ['Swipe', '/swipe'],
    ['Live', '/live'],
    ['Home', '/'],
  ]) {
    await cleo.go(link);
    await expect(cleo.page).toHaveURL(new RegExp(`${path}$`));
    expect((await cleo.connection()).socketId).toBe(first.socketId);
  }
  expect(await observer.connectionsTotal()).toBe(before + 1);
  await cleo.close();
  await observer.dispose();
});

test('a match made by the other user toasts while this user types in the profile form', async ({ browser, baseURL }) => {
  const dan = await ServerApi.as(baseURL!, 'dan');
  const cleoApi = await ServerApi.as(baseURL!, 'cleo');
  await cleoApi.like(dan.user.id);

  const cleo = await FlintApp.signIn(browser, 'cleo', '/profile');
  const bio = cleo.page.getByLabel('Bio');
  await expect(bio).toBeEditable();
  await bio.fill('');
  await bio.pressSequentially('I like long walks and ');

  await dan.like(cleoApi.user.id);
  await expect(cleo.page.getByRole('status').getByText(/match/i).first()).toBeVisible();
  await bio.pressSequentially('short calls');
  await expect(bio).toHaveValue('I like long walks and short calls');

  await cleo.close();
  await dan.dispose();
  await cleoApi.dispose();
});

test('the presence dot follows the other user opening and closing their tab', async ({ browser }) => {
  const ava = await FlintApp.signIn(browser, 'ava', '/chat');
  const benRow = ava.page.locator('[data-user="ben"]');
  await expect(benRow.locator('[data-presence]')).toHaveAttribute('data-presence', 'offline');

  const ben = await FlintApp.signIn(browser, 'ben');
  await expect(benRow.locator('[data-presence]')).toHaveAttribute('data-presence', 'online');
  await ben.close();
  await expect(benRow.locator('[data-presence]')).toHaveAttribute('data-presence', 'offline');
  await ava.close();
});

test('with call-remote unreachable the host still navigates and says calls are unavailable', async ({ browser }) => {
  const context = await browser.newContext();
  const callRemoteOrigin = `http://localhost:${Number(new URL(test.info().project.use.baseURL!).port) + 1}`;
  await context.route(`${callRemoteOrigin}/**`, (route) => route.abort('connectionrefused'));
  const app = new FlintApp(context, await context.newPage());
  await app.open('ava');
  await expect(app.page.getByText('Calls are unavailable')).toBeVisible();
  await app.go('Profile');
  await expect(app.page.getByRole('heading', { name: /profile/i })).toBeVisible();
  await app.go('Chats');
  await expect(app.page.locator('[data-user="ben"]')).toBeVisible();
  await app.close();
});

test('"Start staged call" clicked before call-remote has loaded still starts the call', async ({ browser }) => {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const callRemoteOrigin = `http://localhost:${Number(new URL(test.info().project.use.baseURL!).port) + 1}`;
  // Hold call-remote back so the click certainly comes before <flint-call> is defined.
  await context.route(`${callRemoteOrigin}/**`, async (route) => {
    await new Promise((r) => setTimeout(r, 2_000));
    await route.continue();
  });
  const app = new FlintApp(context, await context.newPage());
  await app.open('ava', '/chat');
  await app.page.locator('[data-user="ben"] a').click();
  const start = app.page.getByRole('button', { name: 'Start staged call' });
  await start.click();
  expect(await app.page.evaluate(() => customElements.get('flint-call') === undefined)).toBe(true);
  const call = app.page.locator('flint-call');
  await expect(call).toHaveAttribute('state', 'DIALING', { timeout: 15_000 });
  await call.evaluate((el: HTMLElement & { hangUp(): void }) => el.hangUp());
  await expect(call).not.toHaveAttribute('state', 'DIALING');
  await app.close();
});

test('while calls cannot load, an incoming call still reaches the person as a toast, and the caller is told', async ({ browser }) => {
  const context = await CallView.newContext(browser);
  const callRemoteOrigin = `http://localhost:${Number(new URL(test.info().project.use.baseURL!).port) + 1}`;
  await context.route(`${callRemoteOrigin}/**`, (route) => route.abort('connectionrefused'));
  const ben = new FlintApp(context, await context.newPage());
  await ben.open('ben');
  await expect(ben.page.getByTestId('calls-unavailable')).toBeVisible({ timeout: 20_000 });

  const ava = await CallView.signIn(browser, 'ava', '/chat');
  await new ChatView(ava.app).openWith('Ben');
  await ava.button('Start staged call').click();
  await expect(ben.page.getByRole('status').getByText('Ava is calling — calls are unavailable right now')).toBeVisible();
  await ava.expectState('DIALING');
  await expect(ava.element.getByText(/They can’t take calls right now on the device that rang/)).toBeVisible();
  await ava.button('Cancel').click();
  await ava.close();
  await ben.close();
});
