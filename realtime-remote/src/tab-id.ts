/**
 * This browser tab's id, sent in every handshake (`auth.tab`) so the server can tell the tab that
 * owns a call from the person's other tabs (server/src/calls/calls.owner.ts). Kept in
 * sessionStorage, so a reload or a reconnect of the tab keeps it and the tab stays the owner. A
 * duplicated tab starts with a copy of that storage: each tab holds a Web Lock named after its
 * id for its whole life, and a tab that finds its id's lock taken picks a new id.
 */

const KEY = 'flint.tab';

function stored(): string {
  try {
    const id = sessionStorage.getItem(KEY);
    if (id) return id;
    const fresh = crypto.randomUUID();
    sessionStorage.setItem(KEY, fresh);
    return fresh;
  } catch {
    return crypto.randomUUID();
  }
}

/** Holds `flint-tab:<id>` until the page goes; resolves whether this tab got it. */
function hold(id: string): Promise<boolean> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return Promise.resolve(true);
  return new Promise((resolve) => {
    locks
      .request(`flint-tab:${id}`, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        return lock ? new Promise<void>(() => undefined) : undefined;
      })
      .catch(() => resolve(true));
  });
}

let tab: Promise<string> | null = null;

/** The tab's id (the same for every handshake of this page). */
export function tabId(): Promise<string> {
  tab ??= (async () => {
    const id = stored();
    if (await hold(id)) return id;
    const fresh = crypto.randomUUID();
    try {
      sessionStorage.setItem(KEY, fresh);
    } catch {
      // Storage refused: the id still serves this page.
    }
    await hold(fresh);
    return fresh;
  })();
  return tab;
}
