/**
 * Chat that never loses a message (issue 5), two users in two browser contexts (two devices):
 * receipts both ways, typing, the offline outbox surviving a closed page, a 10 s drop while both
 * keep sending, a 500-message history scrolled without jumps, and the toast elsewhere in the app.
 * Every test writes bodies with its own tag, since the seeded ava–ben conversation is shared.
 */

import { ChatView, droppableNetwork, FlintApp, seedConversation } from '@flint/qa';
import { expect, test } from '@playwright/test';

const tag = (name: string) => `${name}-${Date.now().toString(36)}-`;

test('both users chat both ways and see sent, delivered, then read', async ({ browser }) => {
  const t = tag('receipts');
  const ava = new ChatView(await FlintApp.signIn(browser, 'ava'));
  await ava.openWith('Ben');
  // Ben is elsewhere in the app: his device receives the message (delivered) without reading it.
  const ben = new ChatView(await FlintApp.signIn(browser, 'ben', '/chat'));

  await ava.send(`${t}hi ben`);
  const mine = ava.message(`${t}hi ben`);
  await expect(mine).toHaveAttribute('data-status', 'delivered');
  await expect(mine.locator('.status')).toHaveText('Delivered');

  await ben.openWith('Ava');
  await expect(ben.message(`${t}hi ben`)).toHaveAttribute('data-status', 'received');
  await expect(mine).toHaveAttribute('data-status', 'read');
  await expect(mine.locator('.status')).toHaveText('Read');

  await ben.send(`${t}hey ava`);
  await expect(ava.message(`${t}hey ava`)).toBeVisible();
  await expect(ben.message(`${t}hey ava`)).toHaveAttribute('data-status', 'read');
  expect(await ava.bodies(t)).toEqual([`${t}hi ben`, `${t}hey ava`]);
  expect(await ben.bodies(t)).toEqual([`${t}hi ben`, `${t}hey ava`]);
  await ava.app.close();
  await ben.app.close();
});

test('the typing indicator appears while the other user types and clears on send or when they stop', async ({ browser }) => {
  const t = tag('typing');
  const ava = new ChatView(await FlintApp.signIn(browser, 'ava'));
  const ben = new ChatView(await FlintApp.signIn(browser, 'ben'));
  await ava.openWith('Ben');
  await ben.openWith('Ava');

  await ava.composer.pressSequentially(`${t}hello`);
  await expect(ben.typing).toHaveText('Ava is typing…');
  await ava.composer.press('Enter');
  await expect(ben.typing).toHaveText('');
  await expect(ben.message(`${t}hello`)).toBeVisible();

  await ben.composer.pressSequentially(`${t}thinking`);
  await expect(ava.typing).toHaveText('Ben is typing…');
  // Idle for a few seconds: the indicator goes away without a message.
  await expect(ava.typing).toHaveText('', { timeout: 8_000 });
  await ava.app.close();
  await ben.app.close();
});

test('messages written offline wait in the outbox across a closed page and arrive once, in order', async ({ browser }) => {
  const t = tag('outbox');
  const avaApp = await FlintApp.signIn(browser, 'ava');
  const ava = new ChatView(avaApp);
  const conversationId = await ava.openWith('Ben');
  const ben = new ChatView(await FlintApp.signIn(browser, 'ben'));
  await ben.openWith('Ava');

  await avaApp.context.setOffline(true);
  for (const n of [1, 2, 3]) await ava.send(`${t}${n}`);
  for (const n of [1, 2, 3]) await expect(ava.message(`${t}${n}`)).toHaveAttribute('data-status', 'pending');
  await ava.page.close();
  await avaApp.context.setOffline(false);

  // The same device (browser context, so the same IndexedDB) opens the app again in a new page.
  const again = new FlintApp(avaApp.context, await avaApp.context.newPage());
  await again.open('ava', `/chat/${conversationId}`);
  const reopened = new ChatView(again);
  for (const n of [1, 2, 3]) {
    await expect(reopened.message(`${t}${n}`)).toHaveAttribute('data-status', /sent|delivered|read/);
  }
  await expect.poll(() => ben.bodies(t)).toEqual([`${t}1`, `${t}2`, `${t}3`]);
  expect(await reopened.bodies(t)).toEqual([`${t}1`, `${t}2`, `${t}3`]);
  await again.close();
  await ben.app.close();
});

test('a 10 s connection drop while both keep sending loses and duplicates nothing on either side', async ({ browser }) => {
  const t = tag('drop');
  const device = async (username: string) => {
    const context = await browser.newContext();
    const network = await droppableNetwork(context);
    const app = new FlintApp(context, await context.newPage());
    await app.open(username);
    return { view: new ChatView(app), network };
  };
  const [a, b] = [await device('ava'), await device('ben')];
  const [ava, ben] = [a.view, b.view];
  await ava.openWith('Ben');
  await ben.openWith('Ava');

  const expected: string[] = [];
  const say = async (who: ChatView, body: string) => {
    await who.send(`${t}${body}`);
    expected.push(`${t}${body}`);
  };
  await say(ava, 'a1');
  await say(ben, 'b1');
  await Promise.all([a.network.drop(), b.network.drop()]);
  const dropEnds = Date.now() + 10_000;
  for (const view of [ava, ben]) await expect.poll(async () => (await view.app.connection()).status).not.toBe('connected');
  for (let i = 2; Date.now() < dropEnds - 1_500; i++) {
    await say(ava, `a${i}`);
    await say(ben, `b${i}`);
    await ava.page.waitForTimeout(1_500);
  }
  await expect(ava.page.locator('flint-conversation li[data-status="pending"]').first()).toBeVisible();
  await ava.page.waitForTimeout(Math.max(0, dropEnds - Date.now()));
  await Promise.all([a.network.restore(), b.network.restore()]);
  await say(ava, 'a-after');
  await say(ben, 'b-after');

  const bySender = (list: string[], who: 'a' | 'b') => list.filter((x) => x.slice(t.length).startsWith(who));
  for (const view of [ava, ben]) {
    await expect.poll(() => view.bodies(t), { timeout: 30_000 }).toHaveLength(expected.length);
    const seen = await view.bodies(t);
    expect(new Set(seen).size).toBe(expected.length);
    expect(seen.slice().sort()).toEqual(expected.slice().sort());
    expect(bySender(seen, 'a')).toEqual(bySender(expected, 'a'));
    expect(bySender(seen, 'b')).toEqual(bySender(expected, 'b'));
    await expect(view.page.locator('flint-conversation li[data-status="pending"]')).toHaveCount(0);
  }
  // Both sides show the one server order.
  expect(await ava.bodies(t)).toEqual(await ben.bodies(t));
  await ava.app.close();
  await ben.app.close();
});

test('with 500 messages in history, scrolling up loads older pages without moving what is on screen', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const t = tag('history');
  const ben = new ChatView(await FlintApp.signIn(browser, 'ben'));
  const conversationId = await ben.openWith('Ava');
  await seedConversation(baseURL!, conversationId, ['ava', 'ben'], 500, t);
  await ben.page.reload();
  await ben.waitLoaded();

  // Opened at the newest message.
  await expect(ben.message(`${t}500`)).toBeInViewport();
  for (let round = 0; round < 30; round++) {
    const before = await ben.messages.count();
    const anchor = await ben.list.evaluate((list) => {
      list.scrollTop = 0;
      const first = list.querySelector<HTMLElement>('li.message')!;
      return { seq: first.dataset.seq!, top: first.getBoundingClientRect().top };
    });
    const start = await ben.page.locator('flint-conversation .notice').textContent();
    if (start?.includes('start of your conversation')) break;
    await expect.poll(() => ben.messages.count()).toBeGreaterThan(before);
    const after = await ben.page
      .locator(`flint-conversation li.message[data-seq="${anchor.seq}"]`)
      .evaluate((el) => el.getBoundingClientRect().top);
    expect(Math.abs(after - anchor.top), `message ${anchor.seq} stays put after page ${round + 1}`).toBeLessThanOrEqual(2);
  }
  await expect(ben.page.locator('flint-conversation .notice')).toHaveText('This is the start of your conversation.');
  const seeded = await ben.bodies(t);
  expect(seeded).toEqual(Array.from({ length: 500 }, (_, i) => `${t}${i + 1}`));
  // Every row of the timeline, the dates' system lines included (earlier tests' calls add them).
  const rows = ben.page.locator('flint-conversation li[data-seq]');
  const seqs = await rows.evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.seq)));
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  await ben.app.close();
});

test('a message to a user on the profile page shows them a toast that opens the conversation', async ({ browser }) => {
  const t = tag('toast');
  const ava = new ChatView(await FlintApp.signIn(browser, 'ava'));
  const conversationId = await ava.openWith('Ben');
  const ben = await FlintApp.signIn(browser, 'ben', '/profile');

  await ava.send(`${t}are you free tonight?`);
  const toast = ben.page.locator('flint-toast-layer [data-kind="message"]', { hasText: `${t}are you free tonight?` });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('Ava');
  await toast.getByRole('link', { name: 'Open' }).click();
  await expect(ben.page).toHaveURL(new RegExp(`/chat/${conversationId}$`));
  await expect(new ChatView(ben).message(`${t}are you free tonight?`)).toBeVisible();
  await ava.app.close();
  await ben.close();
});
