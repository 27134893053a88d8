/**
 * web-test-runner plugin (runs in Node): the `storage-quota` server command caps the test page's
 * origin storage quota through Chromium's DevTools protocol (`Storage.overrideQuotaForOrigin`, what
 * DevTools' "simulate custom storage quota" uses), so tests meet a REAL QuotaExceededError from
 * IndexedDB. Payload `{ bytes }` sets the cap; `{}` lifts it. The override lasts only as long as
 * the DevTools session that set it, so that session stays open until the cap is lifted.
 */
export function storageQuota() {
  /** DevTools sessions holding an override, per test session. */
  const held = new Map();
  return {
    name: 'storage-quota-command',
    async executeCommand({ command, payload, session }) {
      if (command !== 'storage-quota') return undefined;
      if (session.browser.type !== 'playwright') throw new Error('storage-quota needs the Playwright launcher (Chromium)');
      const page = session.browser.getPage(session.id);
      const origin = new URL(page.url()).origin;
      let cdp = held.get(session.id);
      if (payload?.bytes) {
        cdp ??= await page.context().newCDPSession(page);
        held.set(session.id, cdp);
        await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: payload.bytes });
      } else if (cdp) {
        held.delete(session.id);
        await cdp.send('Storage.overrideQuotaForOrigin', { origin });
        await cdp.detach();
      }
      return true;
    },
  };
}
