/**
 * Web Push in the service worker: a `push` (the server woke this browser because a call rings and
 * no Flint tab was open) shows a system notification; a click on it focuses an open Flint tab or
 * opens one at the chats, where `<flint-call>` resumes the ringing call (`call:resume`). Pages tell
 * the worker the language they show (`FLINT_LOCALE`), kept in a cache since a worker's memory does
 * not outlive it.
 */
import { callNotification, parsePushMessage, pushLocale } from './push-message.ts';
import { CACHES } from './routes.ts';

declare const self: ServiceWorkerGlobalScope;

const LOCALE_KEY = '/flint-sw/locale';

async function rememberedLocale(): Promise<string | null> {
  const cache = await caches.open(CACHES.prefs);
  return (await (await cache.match(LOCALE_KEY))?.text()) ?? null;
}

export function registerPush(): void {
  self.addEventListener('message', (event) => {
    const data = event.data as { type?: string; locale?: unknown } | null;
    if (data?.type !== 'FLINT_LOCALE' || (data.locale !== 'en' && data.locale !== 'es')) return;
    const locale = data.locale;
    event.waitUntil(caches.open(CACHES.prefs).then((cache) => cache.put(LOCALE_KEY, new Response(locale))));
  });

  self.addEventListener('push', (event) => {
    let data: unknown = null;
    try {
      data = event.data?.json();
    } catch {
      return;
    }
    const message = parsePushMessage(data);
    if (!message) return;
    event.waitUntil(
      rememberedLocale()
        .catch(() => null)
        .then((remembered) => {
          const { title, options } = callNotification(message, pushLocale(remembered, self.navigator.languages));
          return self.registration.showNotification(title, options);
        }),
    );
  });

  self.addEventListener('notificationclick', (event) => {
    event.notification.close();
    const url = new URL((event.notification.data as { url?: string } | null)?.url ?? '/', self.location.origin).href;
    event.waitUntil(
      (async () => {
        const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
        const open = tabs.find((tab) => new URL(tab.url).origin === self.location.origin);
        if (open) await open.focus();
        else await self.clients.openWindow(url);
      })(),
    );
  });
}
