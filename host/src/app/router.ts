/**
 * Client-side routes (ARCHITECTURE §5), also under a locale prefix (`/es/...`). Navigation never
 * reloads the page: links are intercepted by @nanostores/router.
 */
import { createRouter, openPage } from '@nanostores/router';
import type { Locale } from '../i18n/locale.ts';

const pages = {
  home: '/',
  login: '/login',
  swipe: '/swipe',
  chats: '/chat',
  chat: '/chat/:conversationId',
  live: '/live',
  profile: '/profile',
  admin: '/admin',
} as const;
export type PageName = keyof typeof pages;

const localized = Object.fromEntries(Object.entries(pages).map(([name, path]) => [`es:${name}`, `/es${path === '/' ? '' : path}`]));

// `links: false`: the router's own click handler reads `event.target`, which shadow DOM retargets
// to the host element, so links inside our elements would reload the page. `interceptLinks` below
// looks through `composedPath()` instead.
export const $router = createRouter({ ...pages, ...localized } as Record<string, string>, { links: false });

/** Same-origin link clicks anywhere (shadow roots included) navigate without a reload. */
export function interceptLinks(root: Document = document): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!link || link.origin !== location.origin || link.target || link.download || link.rel === 'external') return;
    event.preventDefault();
    $router.open(link.pathname + link.search + link.hash);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}

/** The page name without its locale prefix, and the locale. */
export function routeOf(route: string | undefined): { page: PageName | undefined; locale: Locale } {
  if (!route) return { page: undefined, locale: 'en' };
  return route.startsWith('es:') ? { page: route.slice(3) as PageName, locale: 'es' } : { page: route as PageName, locale: 'en' };
}

/** Path for a page in the current locale. */
export function pathTo(page: PageName, locale: Locale, params: Record<string, string> = {}): string {
  const path = pages[page].replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
  return locale === 'es' ? `/es${path === '/' ? '' : path}` : path;
}

export function go(page: PageName, locale: Locale, params: Record<string, string> = {}): void {
  openPage($router, (locale === 'es' ? `es:${page}` : page) as never, params as never);
}
