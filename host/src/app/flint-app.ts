/**
 * The shell: navigation, the route outlet, the toast layer on every route, and `<flint-call>`
 * mounted ONCE above the outlet so calls survive navigation (ARCHITECTURE §5).
 */

import type { LoadStatus } from '@flint/shared/federation';
import { provide } from '@lit/context';
import { StoreController } from '@nanostores/lit';
// Types only (erased): <flint-call> and its events, typed on HTMLElementTagNameMap / HTMLElementEventMap.
import type { FlintCallEndedEvent } from 'call/flint-call';
import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';
import type { FlintStartCallEvent } from '../pages/start-call-event.ts';
import { type RealtimeStore, realtimeContext } from '../session/context.ts';
import { $session } from '../session/session.ts';
import '../session/flint-sign-out.ts';
import { renderPage } from './outlet.ts';
import { $router, go, interceptLinks, type PageName, pathTo, routeOf } from './router.ts';
import '../toasts/toast-layer.ts';
import { UnavailableCallsController } from '../calls/unavailable-calls.ts';
import { ChatAgentController } from '../chat/chat-agent-controller.ts';
import { WebPushController } from '../push/web-push.ts';
import { $websocketBlocked } from './websocket-blocked.ts';

export class FlintApp extends LitElement {
  static override styles = css`
    :host { display: block; min-height: 100vh; }
    /* White on #c8323a is 5.3:1 (WCAG AA); on a phone the links wrap rather than scroll sideways. */
    nav {
      display: flex; flex-wrap: wrap; column-gap: 0.25rem; align-items: center; background: #c8323a;
      padding: max(0.25rem, env(safe-area-inset-top)) max(0.5rem, env(safe-area-inset-right)) 0.25rem max(0.5rem, env(safe-area-inset-left));
    }
    nav a {
      color: #fff; text-decoration: none; font-weight: 600;
      display: inline-flex; align-items: center; min-height: 2.75rem; min-width: 2.75rem; padding: 0 0.5rem; box-sizing: border-box;
    }
    nav a[aria-current='page'] { text-decoration: underline; }
    nav .spacer { flex: 1; }
    .banner { padding: 0.5rem 1rem; background: #fff1c2; color: #553; }
    .banner button { font: inherit; background: #553; color: #fff; border-radius: 0.5rem; padding: 0.2rem 0.7rem; margin-left: 0.5rem; }
    main { padding: 1rem; max-width: 48rem; margin: 0 auto; }
  `;

  /** The realtime store, loaded through the realtime remote; null when that remote is unreachable. */
  @provide({ context: realtimeContext })
  @property({ attribute: false })
  realtime: RealtimeStore | null = null;

  /** Whether `<flint-call>` is loaded: `unavailable` while its remote is down or slow (it is retried). */
  @property({ attribute: false }) callsStatus: LoadStatus = 'loading';

  #route = new StoreController(this, $router);
  #session = new StoreController(this, $session);
  #connection?: StoreController<{ status: string }>;
  #websocketBlocked = new StoreController(this, $websocketBlocked);
  /** Keeps the chat outbox draining and delivery receipts flowing on every route. */
  #chatAgent = new ChatAgentController(this);
  /** While calls cannot load, an incoming call still reaches the person (a toast) and the caller is told. */
  #unavailableCalls = new UnavailableCallsController(this, () => this.#locale);
  /** Call alerts (Web Push): this browser's subscription follows sign-ins; the worker learns the app's language. */
  protected readonly webPush = new WebPushController(this);
  #unlisten?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unlisten = interceptLinks();
    this.addEventListener('flint-start-call', this.#onStartCall);
    this.addEventListener('flint-call-ended', this.#onCallEnded);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unlisten?.();
    this.removeEventListener('flint-start-call', this.#onStartCall);
    this.removeEventListener('flint-call-ended', this.#onCallEnded);
  }

  get #locale(): Locale {
    return routeOf(this.#route.value?.route).locale;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    this.#chatAgent.use(this.realtime, this.#session.value?.user.id);
    this.#unavailableCalls.use(this.realtime, this.callsStatus);
    if (changed.has('realtime') && this.realtime && !this.#connection) {
      this.#connection = new StoreController(this, this.realtime.$connection);
    }
    const { page } = routeOf(this.#route.value?.route);
    if (!this.#session.value && page !== 'login') go('login', this.#locale);
  }

  /**
   * call-remote loads after the shell renders: a click that comes first waits for the element
   * instead of being lost. When the remote failed to load, the banner already says calls are off.
   */
  #onStartCall = async (event: FlintStartCallEvent) => {
    if (this.callsStatus === 'unavailable') return;
    await customElements.whenDefined('flint-call');
    this.renderRoot.querySelector('flint-call')?.startSession(event.detail.matchId, 'staged');
  };

  /** Where a date leaves you: a live one back to the queue's page, a staged one to its chat. */
  #onCallEnded = ({ detail }: FlintCallEndedEvent) => {
    if (detail.kind === 'live') go('live', this.#locale);
    else if (detail.conversationId) go('chat', this.#locale, { conversationId: detail.conversationId });
  };

  #link(page: PageName, key: Parameters<typeof t>[1]) {
    const current = routeOf(this.#route.value?.route).page === page;
    return html`<a href=${pathTo(page, this.#locale)} aria-current=${current ? 'page' : 'false'}>${t(this.#locale, key)}</a>`;
  }

  override render() {
    const session = this.#session.value;
    const locale = this.#locale;
    const status = this.#connection?.value.status;
    const offline = status === 'reconnecting' || status === 'disconnected';
    return html`
      ${
        session
          ? html`<nav aria-label="Main">
            ${this.#link('home', 'nav.home')} ${this.#link('swipe', 'nav.swipe')} ${this.#link('chats', 'nav.chat')}
            ${this.#link('live', 'nav.live')} ${this.#link('profile', 'nav.profile')}
            ${session.user.role === 'admin' ? this.#link('admin', 'nav.admin') : nothing}
            <span class="spacer"></span>
            <flint-sign-out .locale=${locale}></flint-sign-out>
          </nav>`
          : nothing
      }
      ${
        this.callsStatus === 'unavailable'
          ? html`<p class="banner" role="status" data-testid="calls-unavailable">${t(locale, 'calls.unavailable')}</p>`
          : nothing
      }
      ${offline ? html`<p class="banner" role="status">${t(locale, this.#websocketBlocked.value ? 'connection.websocketBlocked' : 'connection.offline')}</p>` : nothing}
      ${
        status === 'outdated'
          ? html`<p class="banner" role="alert" data-testid="outdated">
              ${t(locale, 'connection.outdated')} <button type="button" @click=${() => location.reload()}>${t(locale, 'connection.reload')}</button>
            </p>`
          : nothing
      }
      ${session ? html`<flint-call .locale=${locale} lang=${locale}></flint-call>` : nothing}
      <main>${renderPage(this.#route.value, locale)}</main>
      <flint-toast-layer .realtime=${this.realtime} .locale=${locale}></flint-toast-layer>
    `;
  }
}

if (!customElements.get('flint-app')) customElements.define('flint-app', FlintApp);

declare global {
  interface HTMLElementTagNameMap {
    'flint-app': FlintApp;
  }
}
