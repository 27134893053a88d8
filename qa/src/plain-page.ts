/**
 * Page object for examples/plain-page (QA contract: `PORT+3`, `?as=<username>`, `?server=<url>`): a
 * stranger's page embedding `<flint-call>` with the embedding loader, no Flint shell around it. Its
 * call is a CallView like any other; its status line says what the loader reported.
 */
import { type Browser, expect, type Locator } from '@playwright/test';
import { CallView } from './call-view.ts';
import { MEDIA } from './flint-app.ts';

export class PlainPage {
  constructor(readonly call: CallView) {}

  /** Opens the plain page at `pageUrl` (e.g. `http://localhost:3003/`) signed in as `username`, in a new context. */
  static async open(browser: Browser, pageUrl: string, username: string, opts: { server?: string; permissions?: string[] } = {}) {
    const context = await CallView.newContext(browser, opts.permissions ?? MEDIA);
    const page = await context.newPage();
    const url = new URL(pageUrl);
    url.searchParams.set('as', username);
    if (opts.server) url.searchParams.set('server', opts.server);
    await page.goto(url.href);
    return new PlainPage(new CallView(page));
  }

  get status(): Locator {
    return this.call.page.getByTestId('embed-status');
  }

  /** Calls are loaded, the store connected: `<flint-call>` is defined and idle. */
  async expectReady(): Promise<void> {
    await expect(this.status).toHaveText(/Calls are ready/, { timeout: 20_000 });
    await this.call.expectState('IDLE');
  }

  async close(): Promise<void> {
    await this.call.close();
  }
}
