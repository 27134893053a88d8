/**
 * Registers the host origin's service worker (`/sw.js`, built from `./worker/`) and hands it the
 * files this page already loaded before the worker controlled it (host and remote code), so the
 * first visit leaves a complete offline copy. A browser without service workers just goes without.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  try {
    const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    await navigator.serviceWorker.ready;
    const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
    registration.active?.postMessage({ type: 'CACHE_URLS', payload: { urlsToCache: loaded } });
  } catch (error) {
    console.warn('[flint] offline support unavailable', error);
  }
}
