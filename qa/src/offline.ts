/**
 * Offline helpers for one browser context (one person's device): wait until the service worker
 * holds a complete offline copy, cut the server off (API and socket) with Playwright routes, and
 * read back what the device stores (IndexedDB, Cache Storage) from the page itself.
 */
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import { droppableNetwork } from './chat-network.ts';
import { FlintApp } from './flint-app.ts';

/**
 * A device signed in as `username` whose network can really be dropped: offline emulation alone
 * leaves an open WebSocket up (and inside a loopback-only namespace the browser already reports
 * offline, so no `offline` event fires), so `drop()` also closes the socket's connection.
 */
export async function deviceWithDroppableNetwork(browser: Browser, username: string) {
  const context = await browser.newContext();
  const network = await droppableNetwork(context);
  const app = new FlintApp(context, await context.newPage());
  await app.open(username);
  return {
    app,
    async drop() {
      await network.drop();
      await expect.poll(async () => (await app.connection()).status).not.toBe('connected');
    },
    restore: () => network.restore(),
  };
}

/** Waits until the worker controls the page and has the shell, both remotes' entries and code. */
export async function waitOfflineReady(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          if (!navigator.serviceWorker.controller) return 'no controller';
          // No named inner functions: a bench runs this file through tsx, whose `__name` helper does not exist in the page.
          const [shell, entries, assets] = await Promise.all(
            ['flint-shell-v1', 'flint-entries-v1', 'flint-assets-v1'].map(async (name) =>
              (await (await caches.open(name)).keys()).map((r) => r.url),
            ),
          );
          const remoteEntries = entries!.filter((u) => u.endsWith('/remoteEntry.js')).length;
          const origins = new Set(assets!.map((u) => new URL(u).origin)).size;
          return shell!.length === 1 && remoteEntries === 2 && origins === 3
            ? 'ready'
            : `shell ${shell!.length}, entries ${remoteEntries}, asset origins ${origins}`;
        }),
      { timeout: 20_000, message: 'the service worker holds the shell and the code of the host and both remotes' },
    )
    .toBe('ready');
}

/** Makes the API and the socket unreachable for this device (every other request still goes through). */
export async function cutServer(context: BrowserContext): Promise<() => Promise<void>> {
  const api = /\/(api|socket\.io)\//;
  await context.route(api, (route) => route.abort('connectionrefused'));
  await context.routeWebSocket(/\/socket\.io\//, (ws) => ws.close({ code: 1006, reason: 'server unreachable' }));
  return async () => {
    await context.unrouteAll({ behavior: 'ignoreErrors' });
  };
}

export interface DeviceData {
  /** Every IndexedDB record of every database on the page's origin, as JSON text. */
  records: string[];
  /** Every Cache Storage entry: its URL and its body as text. */
  cached: Array<{ url: string; body: string }>;
}

/** Everything the page's origin stores, read from inside the page. */
export function deviceData(page: Page): Promise<DeviceData> {
  return page.evaluate(async () => {
    const records: string[] = [];
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of db.objectStoreNames) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        records.push(...all.map((r) => JSON.stringify(r)));
      }
      db.close();
    }
    const cached: Array<{ url: string; body: string }> = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) cached.push({ url: request.url, body: (await (await cache.match(request))?.text()) ?? '' });
    }
    return { records, cached };
  });
}

/** Performance marks the app sets (`flint-chat-list`, `flint-conversation`): ms from navigation start, and where the data came from. */
export function appMark(page: Page, name: string): Promise<{ at: number; source: string } | null> {
  return page.evaluate((n) => {
    const mark = performance.getEntriesByName(n, 'mark')[0] as PerformanceMark | undefined;
    return mark ? { at: mark.startTime, source: (mark.detail as { source: string }).source } : null;
  }, name);
}
