/**
 * The host origin's ONE service worker (`/sw.js`). Each concern is a module registered here:
 * the offline shell, and Web Push (a ringing call's notification when no tab is open).
 * A new worker takes over at once: it only caches code and the shell, which are versioned by their
 * names, so nothing an open page relies on changes under it.
 */
import { clientsClaim } from 'workbox-core';
import { registerCaching } from './caching.ts';
import { registerPush } from './push.ts';

declare const self: ServiceWorkerGlobalScope;

void self.skipWaiting();
clientsClaim();
registerCaching();
registerPush();
