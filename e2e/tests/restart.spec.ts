/**
 * A server restart strands nobody (issue 11): the server process is stopped with SIGTERM and started
 * again on the same data dir (e2e/stack.ts, a stack this file runs itself) while two people keep
 * their pages open. A message written while the server is down and one written after it is back
 * both arrive, once and in order, and neither page reloads. A staged call in progress carries on
 * through the restart (its session lives in the database; the media is peer to peer).
 */
import { CallView, ChatView, FlintApp } from '@flint/qa';
import { expect, test } from '@playwright/test';
import { Stack } from '../stack.ts';

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const tag = (name: string) => `${name}-${Date.now().toString(36)}-`;
const navigations = (app: FlintApp) => app.page.evaluate(() => performance.getEntriesByType('navigation').length);

test('the server restarts on the same data dir: a message written while it is down and one after arrive once, in order, without a reload', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const stack = await new Stack(E2E_PORT + 20).up();
  try {
    const t = tag('restart');
    const ava = new ChatView(await FlintApp.signIn(browser, 'ava', `${stack.url}/chat`));
    await ava.openWith('Ben');
    const ben = new ChatView(await FlintApp.signIn(browser, 'ben', `${stack.url}/chat`));
    await ben.openWith('Ava');
    await ava.send(`${t}before`);
    await expect(ben.message(`${t}before`)).toBeVisible();

    await stack.stop('server');
    await ava.send(`${t}during`);
    await expect(ava.message(`${t}during`)).toHaveAttribute('data-status', 'pending');
    await stack.start('server');

    // Nobody touches ben's page: his tab reconnects by itself and hears what ava sends.
    await ben.app.waitConnected();
    await ava.app.waitConnected();
    await ava.send(`${t}after`);
    const expected = [`${t}before`, `${t}during`, `${t}after`];
    await expect.poll(() => ben.bodies(t), { timeout: 30_000 }).toEqual(expected);
    await expect.poll(() => ava.bodies(t)).toEqual(expected);
    for (const body of expected) await expect(ava.message(body)).toHaveAttribute('data-status', /sent|delivered|read/);
    expect(await navigations(ava.app), 'ava never reloaded').toBe(1);
    expect(await navigations(ben.app), 'ben never reloaded').toBe(1);

    // Once: the server's history (a fresh load) has each message exactly once, in order.
    await ben.page.reload();
    await ben.waitLoaded();
    await expect.poll(() => ben.bodies(t)).toEqual(expected);
    await ava.app.close();
    await ben.app.close();
  } finally {
    await stack.down();
  }
});

test('a staged call in progress carries on through a server restart and can still be ended', async ({ browser }) => {
  test.setTimeout(180_000);
  // A first stage long enough to outlast the restart; a reconnect grace that covers it.
  const stack = await new Stack(E2E_PORT + 25, { FLINT_STAGE_PLAN: 'audio:120,video:20', FLINT_RECONNECT_GRACE_S: '60' }).up();
  try {
    const ben = await CallView.signIn(browser, 'ben', `${stack.url}/chat`);
    const ava = await CallView.signIn(browser, 'ava', `${stack.url}/chat`);
    await new ChatView(ava.app).openWith('Ben');
    await ava.button('Start staged call').click();
    await ben.expectState('RINGING');
    await ben.button('Accept').click();
    for (const side of [ava, ben]) await side.expectState('STAGE_ACTIVE', 1);
    for (const side of [ava, ben]) await expect.poll(() => side.packetsReceived('audio')).toBeGreaterThan(10);

    await stack.stop('server');
    await stack.start('server');
    for (const side of [ava, ben]) await side.app.waitConnected();
    for (const side of [ava, ben]) await side.expectState('STAGE_ACTIVE', 1);
    for (const side of [ava, ben]) await expect.poll(() => side.packetsReceived('audio')).toBeGreaterThan(10);

    // The restarted server still knows the call: hanging up ends it for both.
    await ava.button('Hang up').click();
    for (const side of [ava, ben]) await side.expectState('FINISHED');
    expect(await navigations(ava.app), 'ava never reloaded').toBe(1);
    expect(await navigations(ben.app), 'ben never reloaded').toBe(1);
    await ava.close();
    await ben.close();
  } finally {
    await stack.down();
  }
});
