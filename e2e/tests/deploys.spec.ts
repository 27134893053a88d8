/**
 * Independent deploys that cannot break each other (issue 14), on stacks this file runs itself
 * (e2e/stack.ts) so it can stop a deploy for real and point the server at another remote version:
 * - the call remote goes down and comes back: the shell says calls are unavailable, then a call
 *   works without reloading;
 * - the PREVIOUS call-remote build, served as a version of the deploy and pinned on the server (a
 *   rollback is a config change), against the current host, realtime remote and server.
 */
import { CallView, ChatView } from '@flint/qa';
import { type Browser, expect, test } from '@playwright/test';
import { buildPreviousCallRemote, Stack } from '../stack.ts';

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

/** ava calls ben from their chat; ben accepts; both receive audio. */
async function callWorks(ava: CallView, ben: CallView): Promise<void> {
  await new ChatView(ava.app).openWith('Ben');
  await ava.button('Start staged call').click();
  await ben.expectState('RINGING');
  await ben.button('Accept').click();
  for (const side of [ava, ben]) await side.expectState('STAGE_ACTIVE', 1);
  for (const side of [ava, ben]) await expect.poll(() => side.packetsReceived('audio')).toBeGreaterThan(10);
  await ava.button('Hang up').click();
  await ben.expectState('FINISHED');
}

const signIn = (browser: Browser, stack: Stack, username: string) => CallView.signIn(browser, username, `${stack.url}/chat`);

test.describe('deploys', () => {
  test.describe.configure({ mode: 'serial' });

  test('the call remote goes down and comes back: "calls unavailable", then a call works without a reload', async ({ browser }) => {
    test.setTimeout(120_000);
    const stack = await new Stack(E2E_PORT + 10).up();
    try {
      await stack.stop('call');
      const ava = await signIn(browser, stack, 'ava');
      const ben = await signIn(browser, stack, 'ben');
      for (const side of [ava, ben]) await expect(side.page.getByTestId('calls-unavailable')).toBeVisible({ timeout: 20_000 });
      expect(await ava.page.evaluate(() => customElements.get('flint-call') === undefined)).toBe(true);

      await stack.start('call');
      for (const side of [ava, ben]) {
        await expect(side.page.getByTestId('calls-unavailable')).toBeHidden({ timeout: 30_000 });
        await side.expectState('IDLE');
      }
      const navigations = await ava.page.evaluate(() => performance.getEntriesByType('navigation').length);
      await callWorks(ava, ben);
      expect(await ava.page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(navigations);
      await ava.close();
      await ben.close();
    } finally {
      await stack.down();
    }
  });

  test('the previous call-remote build, pinned on the server, works against the current host and server', async ({ browser }) => {
    test.setTimeout(180_000);
    const previous = buildPreviousCallRemote();
    test.skip(previous === null, 'NOTICE: no git history here (shallow clone?), so the previous call-remote build cannot be made');
    const stack = await new Stack(E2E_PORT + 20, { FLINT_CALL_REMOTE_VERSION: previous!.version }).up();
    try {
      const config = await (await fetch(`${stack.url}/api/config`)).json();
      expect(config.remotes.call.version).toBe(previous!.version);
      const ava = await signIn(browser, stack, 'ava');
      const ben = await signIn(browser, stack, 'ben');
      // The host really loaded that version's files.
      const loaded = await ava.page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      expect(loaded.some((name) => name.includes(`/versions/${previous!.version}/`))).toBe(true);
      await callWorks(ava, ben);
      await ava.close();
      await ben.close();
    } finally {
      await stack.down();
    }
  });
});
