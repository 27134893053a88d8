/**
 * Chat that opens instantly (issue 13): the device's database is what the chat shows, a service
 * worker keeps the app itself available offline, and signing out leaves nothing behind. Two users,
 * each in their own browser context (device); the network is cut with Playwright routes (API and
 * socket unreachable) or with the context's offline mode (nothing reachable, the service worker's
 * own fetches included). Every test writes bodies with its own tag (the ava–ben chat is shared).
 */

import { appMark, ChatView, cutServer, deviceData, deviceWithDroppableNetwork, FlintApp, waitOfflineReady } from '@flint/qa';
import { expect, test } from '@playwright/test';

const tag = (name: string) => `${name}-${Date.now().toString(36)}-`;
const benRow = (app: FlintApp) => app.page.locator('flint-chat-list-page li[data-user="ben"]');

test('a reload with the API and the socket unreachable shows the chat list and the conversation with its last message', async ({
  browser,
}) => {
  const t = tag('reload');
  const avaApp = await FlintApp.signIn(browser, 'ava', '/chat');
  const ava = new ChatView(avaApp);
  await expect(benRow(avaApp)).toBeVisible();
  const ben = new ChatView(await FlintApp.signIn(browser, 'ben'));
  await ben.openWith('Ava');
  await ben.send(`${t}see you at eight`);
  await expect(benRow(avaApp).locator('.preview')).toHaveText(`${t}see you at eight`);
  await expect.poll(async () => (await deviceData(avaApp.page)).records.some((r) => r.includes(`${t}see you at eight`))).toBe(true);

  const restore = await cutServer(avaApp.context);
  await avaApp.page.reload();
  await expect(benRow(avaApp).locator('.preview')).toHaveText(`${t}see you at eight`);
  const list = await appMark(avaApp.page, 'flint-chat-list');
  expect(list?.source, 'the list came from the device').toBe('device');
  await benRow(avaApp).getByRole('link', { name: 'Ben', exact: true }).click();
  await expect(ava.message(`${t}see you at eight`)).toBeVisible();
  await expect(ava.message(`${t}see you at eight`)).toBeInViewport();
  const conversation = await appMark(avaApp.page, 'flint-conversation');
  expect(conversation?.source, 'the conversation came from the device').toBe('device');
  expect((await avaApp.connection()).status, 'the socket never connected').not.toBe('connected');
  test.info().annotations.push({
    type: 'from navigation start (a figure, not a check: docs/benchmarks.md)',
    description: `chat list ${Math.round(list!.at)} ms; conversation ${Math.round(conversation!.at)} ms (after an in-app click)`,
  });

  // Back online, she is connected and synced without a reload.
  await restore();
  await avaApp.waitConnected();
  await ben.send(`${t}great`);
  await expect(ava.message(`${t}great`)).toBeVisible();
  await avaApp.close();
  await ben.app.close();
});

test('a message written offline, across a reload with no network at all, arrives once when the network returns', async ({ browser }) => {
  const t = tag('offline-reload');
  const device = await deviceWithDroppableNetwork(browser, 'ava');
  const avaApp = device.app;
  const ava = new ChatView(avaApp);
  await ava.openWith('Ben');
  const ben = new ChatView(await FlintApp.signIn(browser, 'ben'));
  await ben.openWith('Ava');
  await ben.send(`${t}before`);
  await expect(ava.message(`${t}before`)).toBeVisible();
  await waitOfflineReady(avaApp.page);

  await device.drop();
  await ava.send(`${t}written offline`);
  await expect(ava.message(`${t}written offline`)).toHaveAttribute('data-status', 'pending');
  // A cold start with no network: the app itself comes from the service worker, the chat from the device.
  const reloaded = await avaApp.page.reload();
  expect(reloaded?.fromServiceWorker(), 'the shell came from the service worker').toBe(true);
  await expect(ava.message(`${t}before`)).toBeVisible();
  await expect(ava.message(`${t}written offline`)).toHaveAttribute('data-status', 'pending');
  await ava.send(`${t}also offline`);
  await expect(ava.message(`${t}also offline`)).toHaveAttribute('data-status', 'pending');

  await device.restore();
  const expected = [`${t}before`, `${t}written offline`, `${t}also offline`];
  await expect.poll(() => ben.bodies(t), { timeout: 30_000 }).toEqual(expected);
  for (const body of expected.slice(1)) await expect(ava.message(body)).toHaveAttribute('data-status', /sent|delivered|read/);
  // Once: the server's history (a fresh load) has each message exactly once.
  await ben.page.reload();
  await ben.waitLoaded();
  await expect.poll(() => ben.bodies(t)).toEqual(expected);
  await avaApp.close();
  await ben.app.close();
});

test('sign-out warns about an unsent message, then leaves nothing of her chats on the device, and the next person sees none of it', async ({
  browser,
}) => {
  const t = tag('signout');
  const device = await deviceWithDroppableNetwork(browser, 'ava');
  const avaApp = device.app;
  const ava = new ChatView(avaApp);
  const avaId = await avaApp.page.evaluate(() => JSON.parse(localStorage.getItem('flint.session')!).user.id as string);
  await ava.openWith('Ben');
  await ava.send(`${t}sent`);
  await expect(ava.message(`${t}sent`)).toHaveAttribute('data-status', /sent|delivered|read/);
  await waitOfflineReady(avaApp.page);
  await device.drop();
  await ava.send(`${t}unsent`);
  await expect(ava.message(`${t}unsent`)).toHaveAttribute('data-status', 'pending');

  const signOut = avaApp.nav.getByRole('button', { name: 'Sign out' });
  const dialog = avaApp.page.getByRole('alertdialog', { name: 'Sign out?' });
  await signOut.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('1 of your messages have not been sent yet');
  await expect(dialog.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
  await avaApp.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(ava.message(`${t}unsent`)).toHaveAttribute('data-status', 'pending');

  await signOut.click();
  await dialog.getByRole('button', { name: 'Sign out and delete them' }).click();
  await expect(avaApp.page.getByRole('heading', { name: 'Sign in to Flint' })).toBeVisible();
  await expect
    .poll(
      async () => {
        const { records } = await deviceData(avaApp.page);
        return records.filter((r) => r.includes(avaId) || r.includes(t)).length;
      },
      { message: "records of ava's left in IndexedDB" },
    )
    .toBe(0);
  const { cached } = await deviceData(avaApp.page);
  expect(cached.length, 'the app itself stays cached').toBeGreaterThan(0);
  expect(cached.filter((c) => /\/(api|socket\.io)\//.test(c.url) || c.body.includes(t) || c.body.includes(avaId))).toEqual([]);

  // The next person on this browser.
  await device.restore();
  const cleo = new FlintApp(avaApp.context, avaApp.page);
  await cleo.open('cleo', '/chat');
  await expect(cleo.page.getByRole('heading', { name: 'Chats' })).toBeVisible();
  await expect(benRow(cleo)).toHaveCount(0);
  // Cleo's own records may name ava (they are matched); none may belong to ava or hold her words.
  expect((await deviceData(cleo.page)).records.filter((r) => r.includes(`"userId":"${avaId}"`) || r.includes(t))).toEqual([]);
  // And ava back on this device: her unsent message is gone for good (never sent later).
  await cleo.open('ava');
  await new ChatView(cleo).openWith('Ben');
  await expect(ava.message(`${t}sent`)).toBeVisible();
  await expect(ava.message(`${t}unsent`)).toHaveCount(0);
  await avaApp.close();
});

test('a new tab of the browser is signed in; signing out in one tab signs the browser out in every tab, and leaves another browser alone', async ({
  browser,
}) => {
  const first = await FlintApp.signIn(browser, 'ava', '/chat');
  // One session per browser: a tab opened without `?as=` is ava's too.
  const second = new FlintApp(first.context, await first.context.newPage());
  await second.page.goto('/chat');
  await expect(second.nav).toBeVisible();
  await expect(second.page.getByRole('heading', { name: 'Chats' })).toBeVisible();
  await expect(second.page.locator('[data-user="ben"]')).toBeVisible();
  // Another person is another browser (context).
  const other = await FlintApp.signIn(browser, 'cleo', '/chat');

  await first.nav.getByRole('button', { name: 'Sign out' }).click();
  await expect(first.page.getByRole('heading', { name: 'Sign in to Flint' })).toBeVisible();
  await expect(second.page.getByRole('heading', { name: 'Sign in to Flint' })).toBeVisible();
  // A tab opened after the sign-out is signed out too.
  const third = await first.context.newPage();
  await third.goto('/chat');
  await expect(third.getByRole('heading', { name: 'Sign in to Flint' })).toBeVisible();
  await expect(other.nav).toBeVisible();
  await expect(other.page.getByRole('heading', { name: 'Chats' })).toBeVisible();
  await first.close();
  await other.close();
});
