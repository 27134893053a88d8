/**
 * Offline shell: the host's index.html (network first, from cache when the network fails or takes
 * over 3 s, under one key for every client route) and the code of the host and both remotes
 * (hashed files cache first; remoteEntry.js and mf-manifest.json network first, so a new deploy is
 * picked up at once). Cross-origin files are cached only from CORS responses (status 200), never
 * opaque ones. The page posts the URLs it loaded before the worker controlled it (`CACHE_URLS`,
 * handled by workbox-routing), so the very first visit already leaves a complete offline copy.
 */
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { ExpirationPlugin } from 'workbox-expiration';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { CACHES, isFederationEntry, isHashedAsset, isHtml, isShellNavigation } from './routes.ts';

declare const self: ServiceWorkerGlobalScope;

const NETWORK_TIMEOUT_S = 3;
const ok = new CacheableResponsePlugin({ statuses: [200] });
/** Only an HTML answer may become the shell (a navigation to /sw.js or a script must not replace it). */
const htmlOnly = {
  cacheWillUpdate: async ({ response }: { response: Response }) => (isHtml(response.headers.get('content-type')) ? response : null),
};

export function registerCaching(): void {
  const shellKey = `${self.location.origin}/`;

  self.addEventListener('install', (event) => {
    event.waitUntil(caches.open(CACHES.shell).then((cache) => cache.add(shellKey)));
  });
  self.addEventListener('activate', (event) => {
    const current = new Set<string>(Object.values(CACHES));
    event.waitUntil(
      caches
        .keys()
        .then((names) => Promise.all(names.filter((n) => n.startsWith('flint-') && !current.has(n)).map((n) => caches.delete(n)))),
    );
  });

  registerRoute(
    ({ url, request }) => isShellNavigation(url, self.location.origin, request.mode),
    new NetworkFirst({
      cacheName: CACHES.shell,
      networkTimeoutSeconds: NETWORK_TIMEOUT_S,
      plugins: [ok, htmlOnly, { cacheKeyWillBeUsed: async () => shellKey }],
    }),
  );
  registerRoute(
    ({ url }) => isHashedAsset(url),
    new CacheFirst({
      cacheName: CACHES.assets,
      plugins: [ok, new ExpirationPlugin({ maxEntries: 400, maxAgeSeconds: 90 * 24 * 3600, purgeOnQuotaError: true })],
    }),
  );
  registerRoute(
    ({ url }) => isFederationEntry(url),
    new NetworkFirst({ cacheName: CACHES.entries, networkTimeoutSeconds: NETWORK_TIMEOUT_S, plugins: [ok] }),
  );
}
