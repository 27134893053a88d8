/**
 * The app under its own Content Security Policy (issue 11): the shell, both remotes, the socket,
 * the service worker, chat and a staged call with media all work, and the browser reports no CSP
 * violation on either side. A violation is caught by the `securitypolicyviolation` event (recorded
 * from the first navigation on) and by Chromium's console message.
 */

import { CallView, ChatView, FlintApp } from '@flint/qa';
import { type Browser, expect, type Page, test } from '@playwright/test';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

function recordViolations() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations?.push(`${e.effectiveDirective} ${e.blockedURI}`);
  });
}

async function signIn(browser: Browser, username: string, path: string, consoleViolations: string[]): Promise<CallView> {
  const context = await CallView.newContext(browser);
  await context.addInitScript(recordViolations);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text());
  });
  const app = new FlintApp(context, page);
  await app.open(username, path);
  return new CallView(page, app);
}

const violationsOf = (page: Page) => page.evaluate(() => window.__cspViolations ?? ['no recorder']);

test('chat and a staged call work under the CSP, with no violation on either side', async ({ browser }) => {
  test.setTimeout(90_000);
  const logged: string[] = [];
  const ben = await signIn(browser, 'ben', '/chat', logged);
  const ava = await signIn(browser, 'ava', '/chat', logged);

  const response = await ava.page.request.get('/');
  expect(response.headers()['content-security-policy']).toMatch(/script-src 'self' http:\/\/localhost:\d+ http:\/\/localhost:\d+/);

  const chat = new ChatView(ava.app);
  await chat.openWith('Ben');
  const body = `under the CSP ${Date.now()}`;
  await chat.send(body);
  await new ChatView(ben.app).openWith('Ava');
  await expect(ben.page.getByText(body)).toBeVisible();

  await ava.button('Start staged call').click();
  await ben.expectState('RINGING');
  await ben.button('Accept').click();
  await ava.expectState('STAGE_ACTIVE', 1);
  await ben.expectState('STAGE_ACTIVE', 1);
  await expect.poll(() => ava.packetsReceived('audio')).toBeGreaterThan(10);
  await ava.button('Hang up').click();
  await expect.poll(() => ben.element.getAttribute('state')).not.toBe('STAGE_ACTIVE');

  for (const side of [ava, ben]) {
    // The service worker (worker-src 'self') took control of the shell.
    await expect
      .poll(() => side.page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.state ?? 'none')))
      .toBe('activated');
    expect(await violationsOf(side.page)).toEqual([]);
  }
  expect(logged).toEqual([]);
  await ava.close();
  await ben.close();
});
