/**
 * Which requests the service worker may answer from its caches, as pure predicates over URLs (no
 * worker globals, so they are unit-tested in Node). Nothing under /api, /socket.io or /metrics is
 * ever matched, on any origin: the worker never stores or serves a server answer, only the shell
 * and the code of the host and both remotes.
 */

/** Cache names; the version suffix changes only when a cache's format does (old ones are deleted). */
export const CACHES = {
  /** The host's index.html, stored under one key for every route. */
  shell: 'flint-shell-v1',
  /** Content-hashed files of the host and both remotes: never change, so cache first. */
  assets: 'flint-assets-v1',
  /**
   * remoteEntry.js, mf-manifest.json and a deploy's current.json (which version is in service):
   * stable names that change with each deploy, so network first.
   */
  entries: 'flint-entries-v1',
  /** The worker's own small settings (the language the person last used the app in, for push notifications). */
  prefs: 'flint-prefs-v1',
} as const;

const NEVER = /^\/(api|socket\.io|metrics)(\/|$)/;
/** rspack's `[name].[contenthash:8].js` (and css, should any appear). */
const HASHED = /\.[0-9a-f]{8}\.(js|css)$/;
const FEDERATION_ENTRY = /\/(remoteEntry\.js|mf-manifest\.json|current\.json)$/;

export const isNeverCached = (url: URL) => NEVER.test(url.pathname);
export const isHashedAsset = (url: URL) => !isNeverCached(url) && HASHED.test(url.pathname);
export const isFederationEntry = (url: URL) => !isNeverCached(url) && FEDERATION_ENTRY.test(url.pathname);
export const isHtml = (contentType: string | null) => /^text\/html\b/.test(contentType ?? '');

/** The shell: a page navigation of the host's own origin that is not a server path. */
export const isShellNavigation = (url: URL, origin: string, mode: string) =>
  mode === 'navigate' && url.origin === origin && !isNeverCached(url);
