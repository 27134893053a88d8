/**
 * Leaving is visible and every date leaves a trace (issue 10), ava and ben in two browser contexts
 * with the test timings of playwright.config.ts (stages of 6 s, ring 5 s, reconnect grace 15 s,
 * leave grace 10 s): ben closing his page is "Ben left" for ava at once, a reopened page within the
 * leave grace resumes the date, and a missed call is a "Missed staged date" line in both chats.
 */

import { CallView, ChatView } from '@flint/qa';
import { type Browser, expect, test } from '@playwright/test';

/** ben waits on the chat list, ava calls him from their conversation and he accepts: stage 1 runs. */
async function inStageOne(browser: Browser) {
  const ben = await CallView.signIn(browser, 'ben', '/chat');
  const ava = await CallView.signIn(browser, 'ava', '/chat');
  const conversation = await new ChatView(ava.app).openWith('Ben');
  await ava.button('Start staged call').click();
  await ben.expectState('RINGING');
  await ben.button('Accept').click();
  await ava.expectState('STAGE_ACTIVE', 1);
  await ben.expectState('STAGE_ACTIVE', 1);
  return { ava, ben, conversation };
}

/** Closes ben's tab as a person does (pagehide runs), and returns when that happened. */
async function closeTab(side: CallView): Promise<number> {
  await side.page.close({ runBeforeUnload: true });
  await expect.poll(() => side.page.isClosed()).toBe(true);
  return Date.now();
}

const leftNotice = (side: CallView) => side.element.locator('[part=peer-notice]');

test('ben closes his page in stage 1: ava sees "Ben left" within 2 s, and after the leave grace both are back in chat', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { ava, ben, conversation } = await inStageOne(browser);
  const closedAt = await closeTab(ben);
  await expect(leftNotice(ava)).toContainText('Ben left', { timeout: 2_000 });
  test.info().annotations.push({ type: 'left-notice-ms', description: String(Date.now() - closedAt) });
  // The leave grace (10 s), not the reconnect grace (15 s), ends it: peer-disconnected, back to chat.
  await ava.expectState('FINISHED', undefined, 14_000);
  const endedAfter = Date.now() - closedAt;
  expect(endedAfter).toBeLessThan(15_000);
  await expect(ava.page.getByRole('dialog', { name: 'Call ended' })).toContainText('did not come back in time');
  await expect(leftNotice(ava)).toHaveCount(0);
  await expect(ava.page).toHaveURL(new RegExp(`/chat/${conversation}$`));
  await ava.button('Back to chat').click();
  await ava.expectState('IDLE', 0);
  // The date left its trace in the conversation: a system line, not a message from either person.
  await expect(ava.page.locator('flint-conversation li.system').last()).toContainText('Staged date: stage 1 of 3');
  await ava.close();
  await ben.page.context().close();
});

test('ben reopens within the leave grace: the date resumes and ava sees him back', async ({ browser }) => {
  test.setTimeout(90_000);
  const { ava, ben } = await inStageOne(browser);
  const url = ben.page.url();
  await closeTab(ben);
  await expect(leftNotice(ava)).toContainText('Ben left', { timeout: 2_000 });
  const context = ben.page.context();
  const back = new CallView(await context.newPage(), null);
  await back.page.goto(url);
  await back.expectState('STAGE_ACTIVE', 1, 20_000);
  await ava.expectState('STAGE_ACTIVE', 1);
  await expect(leftNotice(ava)).toHaveCount(0);
  await expect.poll(() => back.packetsReceived('audio'), { timeout: 15_000 }).toBeGreaterThan(10);
  await ava.button('Hang up').click();
  await back.expectState('FINISHED');
  await ava.close();
  await context.close();
});

test('a missed call shows "Missed staged date" in both chats, and ben is told', async ({ browser }) => {
  test.setTimeout(90_000);
  const ben = await CallView.signIn(browser, 'ben', '/chat');
  const ava = await CallView.signIn(browser, 'ava', '/chat');
  await new ChatView(ava.app).openWith('Ben');
  await ava.button('Start staged call').click();
  await ben.expectState('RINGING');
  // Nobody answers: the ring times out (5 s).
  await ava.expectState('FAILED');
  await expect(ben.page.locator('flint-toast-layer [data-kind=call-missed]')).toContainText('Missed staged date');
  await ava.button('Back to chat').click();
  await expect(ava.page.locator('flint-conversation li.system').last()).toHaveText(/Missed staged date/);
  await new ChatView(ben.app).openWith('Ava');
  await expect(ben.page.locator('flint-conversation li.system').last()).toHaveText(/Missed staged date/);
  await expect(ben.page.locator('flint-conversation li.system .status')).toHaveCount(0);
  await ava.close();
  await ben.close();
});
