/**
 * Page object for `/live` over the QA contract: the queue controls and the status line by
 * accessible name (the status is `data-testid=live-status`, since toasts are statuses too), and the
 * call that follows a pairing through CallView (which records every capture track of the tab).
 */
import { type Browser, expect, type Locator, type Page } from '@playwright/test';
import { CallView } from './call-view.ts';

export class LiveView {
  constructor(readonly call: CallView) {}

  /** A signed-in user on the live page, in a context with camera and microphone granted. */
  static async open(browser: Browser, username: string): Promise<LiveView> {
    return new LiveView(await CallView.signIn(browser, username, '/live'));
  }

  get page(): Page {
    return this.call.page;
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  get status(): Locator {
    return this.page.getByTestId('live-status');
  }

  get preview(): Locator {
    return this.page.getByLabel('Your camera preview', { exact: true });
  }

  /** Turns the preview on if it is off (after leaving the queue or a call), then joins. */
  async join(): Promise<void> {
    const turnOn = this.button('Turn on camera and microphone');
    const join = this.button('Join the queue');
    // Either the preview is off (a button to turn it on) or it is starting / ready (Join follows).
    await expect.poll(async () => (await turnOn.isVisible()) || (await join.isEnabled())).toBe(true);
    if (await turnOn.isVisible()) await turnOn.click();
    await expect(this.preview).toBeVisible();
    await expect(join).toBeEnabled();
    await join.click();
  }

  /** Waits for "You are number N in line" (any N when omitted) and returns N. */
  async expectWaiting(position?: number): Promise<number> {
    const pattern = position === undefined ? /You are number \d+ in line/ : new RegExp(`You are number ${position} in line`);
    await expect(this.status).toHaveText(pattern);
    return Number((await this.status.textContent())!.match(/number (\d+)/)![1]);
  }

  async leave(): Promise<void> {
    await this.button('Leave the queue').click();
    await expect(this.status).toHaveText('');
    await expect(this.button('Join the queue')).toBeVisible();
  }

  /** The page's own preview tracks are the first two the tab captured: ended means released. */
  previewTrackStates(): Promise<string[]> {
    return this.page.evaluate(() => (window.__flintTracks ?? []).slice(0, 2).map((t) => `${t.kind}:${t.readyState}`));
  }

  /** Closes the call summary; the shell routes a live session's end back to /live. */
  async closeSummary(): Promise<void> {
    await this.call.button('Close').click();
    await this.call.expectState('IDLE');
    await expect(this.page).toHaveURL(/\/live$/);
  }

  async close(): Promise<void> {
    await this.call.close();
  }
}
