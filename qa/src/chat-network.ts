/**
 * A real connection drop for one browser context. `context.setOffline(true)` alone leaves an open
 * WebSocket untouched (seen with Chromium 156 / Playwright 1.65), so the socket would keep
 * delivering; here the context's socket.io WebSockets go through Playwright so `drop()` can close
 * them, and offline emulation then refuses every reconnect (WebSocket and polling) until `restore()`.
 * Install before the page opens its socket.
 */
import type { BrowserContext, WebSocketRoute } from '@playwright/test';

export async function droppableNetwork(context: BrowserContext) {
  const open = new Set<[page: WebSocketRoute, server: WebSocketRoute]>();
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    open.add([ws, ws.connectToServer()]);
  });
  return {
    async drop(): Promise<void> {
      await context.setOffline(true);
      for (const pair of [...open]) {
        open.delete(pair);
        await Promise.all(pair.map((side) => side.close({ code: 1001, reason: 'test drop' })));
      }
    },
    async restore(): Promise<void> {
      await context.setOffline(false);
    },
  };
}
