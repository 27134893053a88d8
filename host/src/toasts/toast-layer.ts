/**
 * The global toast layer, rendered by the shell on every route from the realtime store's
 * `$notifications` and the shell's own toasts (`$localToasts`). Toasts never take focus (the user may be typing); they are announced politely.
 */

import type { FlintNotification } from '@flint/shared';
import { StoreController } from '@nanostores/lit';
import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { $activeConversation } from '../chat/active-conversation.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';
import type { RealtimeStore } from '../session/context.ts';
import { $localToasts, dismissLocalToast } from './local-toasts.ts';

/** How long a toast stays before it dismisses itself. */
export const TOAST_MS = 8000;

export class FlintToastLayer extends LitElement {
  static override styles = css`
    :host { position: fixed; inset: auto 1rem 1rem auto; display: grid; gap: 0.5rem; z-index: 1000; max-width: 22rem; }
    .toast { background: #221; color: #fff; border-radius: 0.75rem; padding: 0.75rem 1rem; box-shadow: 0 6px 20px #0003; }
    .title { font-weight: 600; }
    .actions { display: flex; gap: 0.5rem; margin-top: 0.5rem; }
    button, a { font: inherit; color: #ffd6cc; background: none; border: 1px solid #ffd6cc66; border-radius: 0.5rem; padding: 0.2rem 0.6rem; cursor: pointer; text-decoration: none; }
  `;

  @property({ attribute: false }) realtime: RealtimeStore | null = null;
  @property() locale: Locale = 'en';

  #notifications?: StoreController<readonly FlintNotification[]>;
  #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #activeConversation = new StoreController(this, $activeConversation);
  #local = new StoreController(this, $localToasts);

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('realtime') && this.realtime && !this.#notifications) {
      this.#notifications = new StoreController(this, this.realtime.$notifications);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #dismiss(id: string): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    if (!dismissLocalToast(id)) this.realtime?.dismissNotification(id);
  }

  #schedule(n: FlintNotification): void {
    if (!this.#timers.has(n.id))
      this.#timers.set(
        n.id,
        setTimeout(() => this.#dismiss(n.id), TOAST_MS),
      );
  }

  /** A message for the conversation on screen is already being read: it never becomes a toast. */
  #isForOpenConversation(n: FlintNotification): boolean {
    return n.kind === 'message' && n.data?.conversationId === this.#activeConversation.value;
  }

  override render() {
    const all = [...this.#local.value, ...(this.#notifications?.value ?? [])];
    for (const n of all.filter((n) => this.#isForOpenConversation(n))) queueMicrotask(() => this.#dismiss(n.id));
    const items = all.filter((n) => !this.#isForOpenConversation(n));
    for (const n of items) this.#schedule(n);
    return html`<div role="status" aria-live="polite">
      ${items.map(
        (n) => html`<div class="toast" part="toast" data-kind=${n.kind}>
          <div class="title">${n.kind === 'call-missed' ? t(this.locale, 'toast.callMissed.title') : n.title}</div>
          <div>${n.kind === 'call-missed' ? t(this.locale, 'toast.callMissed.body') : n.body}</div>
          <div class="actions">
            ${n.href ? html`<a href=${n.href} @click=${() => this.#dismiss(n.id)}>${t(this.locale, 'toast.open')}</a>` : null}
            <button type="button" @click=${() => this.#dismiss(n.id)}>${t(this.locale, 'toast.dismiss')}</button>
          </div>
        </div>`,
      )}
    </div>`;
  }
}

if (!customElements.get('flint-toast-layer')) customElements.define('flint-toast-layer', FlintToastLayer);

declare global {
  interface HTMLElementTagNameMap {
    'flint-toast-layer': FlintToastLayer;
  }
}
