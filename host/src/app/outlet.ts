/** Maps the current route to its page element. */
import { html } from 'lit';
import type { Locale } from '../i18n/locale.ts';
import { routeOf } from './router.ts';
import '../pages/login-page.ts';
import '../pages/home-page.ts';
import '../pages/swipe-page.ts';
import '../pages/chat-list-page.ts';
import '../pages/chat-page.ts';
import '../pages/live-page.ts';
import '../pages/profile-page.ts';
import '../pages/admin-page.ts';

interface RouteValue {
  route: string;
  params: Record<string, string>;
}

export function renderPage(value: RouteValue | undefined, locale: Locale) {
  const { page } = routeOf(value?.route);
  switch (page) {
    case 'login':
      return html`<flint-login-page .locale=${locale}></flint-login-page>`;
    case 'home':
      return html`<flint-home-page .locale=${locale}></flint-home-page>`;
    case 'swipe':
      return html`<flint-swipe-page .locale=${locale}></flint-swipe-page>`;
    case 'chats':
      return html`<flint-chat-list-page .locale=${locale}></flint-chat-list-page>`;
    case 'chat':
      return html`<flint-chat-page .locale=${locale} .conversationId=${value?.params.conversationId ?? ''}></flint-chat-page>`;
    case 'live':
      return html`<flint-live-page .locale=${locale}></flint-live-page>`;
    case 'profile':
      return html`<flint-profile-page .locale=${locale}></flint-profile-page>`;
    case 'admin':
      return html`<flint-admin-page .locale=${locale}></flint-admin-page>`;
    default:
      return html`<h1>Not found</h1><p><a href="/">Home</a></p>`;
  }
}
