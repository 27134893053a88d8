/**
 * Page object over the public QA contract (ARCHITECTURE §7): sign-in by `?as=`, the main
 * navigation by accessible names, the tab's realtime connection as the socket store reports it.
 */
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';

export interface ConnectionInfo {
  status: string;
  socketId: string | null;
  transport: string | null;
}

/** The tab's socket store as its `Symbol.for` guard exposes it on `globalThis` (only what tests read). */
export type StoreGlobal = Record<symbol, { $connection: { get(): ConnectionInfo } } | undefined>;

export const MEDIA = ['camera', 'microphone'];

export class FlintApp {
  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /** A new browser context (its own storage, like another person's device) signed in as `username`. */
  static async signIn(browser: Browser, username: string, path = '/', permissions = MEDIA): Promise<FlintApp> {
    const context = await browser.newContext({ permissions });
    const page = await context.newPage();
    const app = new FlintApp(context, page);
    await app.open(username, path);
    return app;
  }

  async open(username: string, path = '/'): Promise<void> {
    await this.page.goto(`${path}${path.includes('?') ? '&' : '?'}as=${username}`);
    await expect(this.nav).toBeVisible();
    await this.waitConnected();
  }

  get nav() {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  /** Navigates through the main navigation (a click, never a page load). */
  async go(linkName: string): Promise<void> {
    await this.nav.getByRole('link', { name: linkName, exact: true }).click();
  }

  /** The connection as the tab's one socket store reports it (read through its Symbol.for guard). */
  connection(): Promise<ConnectionInfo> {
    return this.page.evaluate(() => {
      const store = (globalThis as unknown as StoreGlobal)[Symbol.for('flint.realtime.socket-store')];
      const { status, socketId, transport } = store!.$connection.get();
      return { status, socketId, transport };
    });
  }

  async waitConnected(): Promise<ConnectionInfo> {
    await expect.poll(async () => (await this.connection().catch(() => null))?.status, { timeout: 15_000 }).toBe('connected');
    return this.connection();
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
