/**
 * Behind a proxy that refuses websocket upgrades (nginx answers 403 to any request carrying
 * `Upgrade`, as some corporate proxies and old load balancers do), in front of two nodes:
 * - connection mode `auto` works over long-polling (sticky through the balancer), and a message
 *   sent while the admin switches the mode is not lost;
 * - mode `websocket` cannot connect: the person sees that the network blocks WebSocket (not a plain
 *   "offline"), the admin page says so beside its statistics, and switching back to `auto` in the
 *   admin page reconnects everyone without a reload, delivering what was written meanwhile, once.
 */
import { ChatView, type FlintApp } from '@flint/qa';
import { expect, test } from '@playwright/test';
import { nodeOf, type RunningCluster, SKIP, signInOn, startCluster } from './cluster-fixture.ts';

test.describe.configure({ mode: 'serial' });
test.skip(Boolean(SKIP), SKIP);

let run: RunningCluster;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  if (SKIP) return;
  run = await startCluster({ refuseUpgrades: true });
});
test.afterAll(async () => {
  await run?.down();
});

const tag = (name: string) => `${name}-${Date.now().toString(36)}-`;

/** Sets the server's connection mode as an admin would through the API. */
async function setMode(url: string, mode: 'auto' | 'websocket' | 'polling'): Promise<void> {
  const login = await fetch(`${url}/api/dev/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin' }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${url}/api/admin/connection-mode`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ mode }),
  });
  expect(res.status).toBe(200);
}

/** Websocket upgrade attempts nginx refused so far. */
const refusedUpgrades = () =>
  run.cluster
    .accessLog()
    .split('\n')
    .filter((line) => line.startsWith('403 ') && line.includes('transport=websocket')).length;

test('auto works over long-polling when the proxy refuses upgrades, and a message sent during the mode switch arrives once', async ({
  browser,
}) => {
  const { cluster } = run;
  await setMode(cluster.url, 'polling');
  const ava = new ChatView(await signInOn(browser, cluster, 'a', 'ava', '/chat'));
  const ben = new ChatView(await signInOn(browser, cluster, 'b', 'ben', '/chat'));
  await ava.openWith('Ben');
  await ben.openWith('Ava');
  expect((await ava.app.connection()).transport).toBe('polling');

  const t = tag('fallback');
  await ava.send(`${t}before`);
  const refusedBefore = refusedUpgrades();
  // The push reaches both pages; each drains its requests and reconnects with [polling, websocket].
  await setMode(cluster.url, 'auto');
  await ava.send(`${t}during`);
  await ben.send(`${t}ben-during`);
  for (const side of [ava, ben]) await side.app.waitConnected();
  // Each page tried to upgrade (after the switch) and was refused; it stays on long-polling.
  await expect.poll(refusedUpgrades).toBeGreaterThanOrEqual(refusedBefore + 2);
  for (const side of [ava, ben]) {
    const connection = await side.app.waitConnected();
    expect(connection.transport).toBe('polling');
  }
  // Still on the node each was pinned to (sticky long-polling; a poll on the wrong node would fail).
  expect([await nodeOf(ava.app, cluster), await nodeOf(ben.app, cluster)]).toEqual(['a', 'b']);
  await ava.send(`${t}after`);

  for (const side of [ava, ben]) await expect.poll(() => side.bodies(t)).toHaveLength(4);
  const seen = await ben.bodies(t);
  expect(new Set(seen).size).toBe(4);
  expect(seen.filter((b) => !b.startsWith(`${t}ben-`))).toEqual([`${t}before`, `${t}during`, `${t}after`]);
  expect(await ava.bodies(t)).toEqual(seen);
  for (const side of [ava, ben]) await side.app.close();
});

test('mode websocket with upgrades refused: the person and the admin page say WebSocket is blocked; back to auto, everyone reconnects without a reload', async ({
  browser,
}) => {
  const { cluster } = run;
  await setMode(cluster.url, 'auto');
  const ava = new ChatView(await signInOn(browser, cluster, 'a', 'ava', '/chat'));
  const ben = new ChatView(await signInOn(browser, cluster, 'b', 'ben', '/chat'));
  const admin: FlintApp = await signInOn(browser, cluster, 'b', 'admin', '/admin');
  await ava.openWith('Ben');
  await ben.openWith('Ava');

  // The admin turns websocket-only on; every page is told and tries it; the proxy refuses each one.
  await admin.page.getByRole('radio', { name: 'WebSocket only' }).check();
  await expect(ava.page.getByRole('status').filter({ hasText: 'blocks WebSocket connections' })).toBeVisible();
  expect((await ava.app.connection()).status).toBe('reconnecting');
  await expect(admin.page.getByTestId('websocket-blocked')).toBeVisible();
  await expect(admin.page.getByTestId('websocket-blocked')).toContainText('refuses WebSocket upgrades');
  const t = tag('blocked');
  await ava.send(`${t}while-blocked`);
  await expect(ava.message(`${t}while-blocked`)).toHaveAttribute('data-status', 'pending');

  // Back to auto from the admin page: its own tab at once, the others on their next look at the mode.
  await admin.page.getByRole('radio', { name: 'Auto' }).check();
  await expect(admin.page.getByTestId('websocket-blocked')).toBeHidden();
  for (const app of [admin, ava.app, ben.app]) expect((await app.waitConnected()).transport).toBe('polling');
  await expect(ava.page.getByRole('status').filter({ hasText: 'blocks WebSocket connections' })).toBeHidden();
  await expect.poll(() => ben.bodies(t)).toEqual([`${t}while-blocked`]);
  await expect(ava.message(`${t}while-blocked`)).toHaveAttribute('data-status', /sent|delivered|read/);
  for (const app of [admin, ava.app, ben.app]) {
    expect(await app.page.evaluate(() => performance.getEntriesByType('navigation').length), 'no reload').toBe(1);
    await app.close();
  }
});
