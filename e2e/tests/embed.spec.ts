/**
 * The embedding kit end to end (issue 14): a stranger's page (examples/plain-page, PORT+3) embeds
 * `<flint-call>` exactly as docs/embedding.md shows, and a call between Flint's shell and that page
 * carries voice both ways.
 */
import { readFileSync } from 'node:fs';
import { CallView, ChatView, PlainPage } from '@flint/qa';
import { expect, test } from '@playwright/test';

const plainPageUrl = () => `http://localhost:${Number(new URL(test.info().project.use.baseURL!).port) + 3}/`;

test('ava calls from the shell; ben, on the plain page, is rung, accepts, and they hear each other', async ({ browser }) => {
  const ben = await PlainPage.open(browser, plainPageUrl(), 'ben');
  await ben.expectReady();
  const ava = await CallView.signIn(browser, 'ava', '/chat');
  await new ChatView(ava.app).openWith('Ben');
  await ava.button('Start staged call').click();
  await ben.call.expectState('RINGING');
  await expect(ben.call.page.getByRole('alertdialog')).toContainText('Ava');
  await ben.call.button('Accept').click();
  for (const side of [ava, ben.call]) await side.expectState('STAGE_ACTIVE', 1);
  for (const side of [ava, ben.call]) {
    expect((await side.remoteTracks('audio')).map((t) => t.readyState)).toEqual(['live']);
    await expect.poll(() => side.packetsReceived('audio')).toBeGreaterThan(10);
  }
  await expect(ben.status).toHaveText('Call: STAGE_ACTIVE');
  await ben.call.button('Hang up').click();
  await ava.expectState('FINISHED');
  await expect(ben.status).toHaveText('Call ended (hung-up).');
  await ava.close();
  await ben.close();
});

test('the plain page says who is calling while calls are unavailable, and the caller is told', async ({ browser }) => {
  const context = await CallView.newContext(browser);
  // The call remote's deploy is unreachable for this visitor (its versions, where the element lives).
  const callRemote = `http://localhost:${Number(new URL(test.info().project.use.baseURL!).port) + 1}`;
  await context.route(`${callRemote}/versions/**`, (route) => route.abort('connectionrefused'));
  const page = await context.newPage();
  await page.goto(`${plainPageUrl()}?as=ben`);
  const ben = new PlainPage(new CallView(page));
  await expect(ben.status).toHaveText('Calls are unavailable right now.', { timeout: 30_000 });

  const ava = await CallView.signIn(browser, 'ava', '/chat');
  await new ChatView(ava.app).openWith('Ben');
  await ava.button('Start staged call').click();
  await expect(ben.status).toHaveText('Ava is calling — calls are unavailable right now');
  await ava.expectState('DIALING');
  await expect(ava.element.getByText(/They can’t take calls right now on the device that rang/)).toBeVisible();
  await ava.element.evaluate((el: HTMLElement & { hangUp(): void }) => el.hangUp());
  await ava.close();
  await ben.close();
});

test('docs/embedding.md: its first html block is the snippet the plain page runs (only the marked lines differ)', () => {
  const doc = readFileSync(new URL('../../docs/embedding.md', import.meta.url), 'utf8');
  const snippet = /```html\n([\s\S]*?)```/.exec(doc)![1]!.trimEnd().split('\n');
  const page = readFileSync(new URL('../../examples/plain-page/index.html', import.meta.url), 'utf8');
  const embedded = /<!-- flint:embed[^>]*-->\n([\s\S]*?)\n\s*<!-- \/flint:embed -->/
    .exec(page)![1]!
    .split('\n')
    .map((line) => line.replace(/^ {4}/, ''));
  expect(snippet.length).toBeLessThanOrEqual(10);
  // The host's own lines: the server and the token; everything else is word for word.
  const yours = (line: string) => line.replace(/^(\s*const (server|token) = ).*?( \/\/ .*)$/, '$1…$3');
  expect(embedded.map(yours)).toEqual(snippet.map(yours));
  expect(embedded.filter((line) => line !== yours(line))).toHaveLength(2);
});
