/** `/swipe`: the deck, one card at a time. A mutual like is announced inline (and by the server's toast). */

import type { Match, PublicUser } from '@flint/shared';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { api } from '../api/api.ts';
import { pathTo } from '../app/router.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';
import { pageStyles } from './page-styles.ts';

export class FlintSwipePage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      article {
        border: 1px solid #e4dce8;
        border-radius: 1rem;
        padding: 1.25rem;
        box-shadow: 0 2px 8px rgb(0 0 0 / 8%);
      }
      h2 {
        margin-top: 0;
      }
      .actions {
        display: flex;
        gap: 1rem;
        margin-top: 1rem;
      }
      .match {
        background: #fde7ef;
        border-radius: 0.75rem;
        padding: 0.75rem 1rem;
      }
    `,
  ];

  @property() locale: Locale = 'en';
  /** How many cards of the loaded deck were already swiped. */
  @state() private position = 0;
  @state() private pending = false;
  @state() private error = '';
  @state() private lastMatch: Match | null = null;

  private readonly deck = new Task(this, {
    task: () => api.deck(),
    args: () => [],
    onComplete: () => (this.position = 0),
  });

  override render() {
    const l = this.locale;
    return html`
      <h1>${t(l, 'swipe.title')}</h1>
      <div aria-live="polite">${this.lastMatch ? this.renderMatch(this.lastMatch) : null}</div>
      ${this.deck.render({
        pending: () => html`<p>${t(l, 'common.loading')}</p>`,
        error: () => html`<p role="alert">${t(l, 'common.loadFailed')}</p>`,
        complete: (users) => this.renderCard(users[this.position]),
      })}
      ${this.error ? html`<p role="alert">${this.error}</p>` : null}
    `;
  }

  private renderMatch(match: Match) {
    const href = pathTo('chat', this.locale, { conversationId: match.conversationId });
    return html`<p class="match">
      ${t(this.locale, 'swipe.matched', { name: match.other.displayName })}
      <a href=${href}>${t(this.locale, 'swipe.openChat')}</a>
    </p>`;
  }

  private renderCard(user: PublicUser | undefined) {
    const l = this.locale;
    if (!user) return html`<p>${t(l, 'swipe.empty')}</p>`;
    return html`<article aria-labelledby="name">
      <h2 id="name">${user.displayName}${user.age === null ? '' : html`, <span>${user.age}</span>`}</h2>
      <p>${user.bio || html`<span class="muted">${t(l, 'swipe.noBio')}</span>`}</p>
      <div class="actions">
        <button aria-disabled=${this.pending} @click=${() => this.swipe(user, false)}>${t(l, 'swipe.pass')}</button>
        <button class="primary" aria-disabled=${this.pending} @click=${() => this.swipe(user, true)}>
          ${t(l, 'swipe.like')}
        </button>
      </div>
    </article>`;
  }

  /** Buttons stay enabled while a swipe is in flight (so keyboard focus stays on them); repeats are ignored. */
  private async swipe(user: PublicUser, like: boolean): Promise<void> {
    if (this.pending) return;
    this.pending = true;
    this.error = '';
    try {
      const result = await api.swipe({ targetId: user.id, like });
      if (result.matched && result.match) this.lastMatch = result.match;
      this.position += 1;
    } catch {
      this.error = t(this.locale, 'swipe.failed');
    } finally {
      this.pending = false;
    }
  }
}

const tag = 'flint-swipe-page';
if (!customElements.get(tag)) customElements.define(tag, FlintSwipePage);

declare global {
  interface HTMLElementTagNameMap {
    'flint-swipe-page': FlintSwipePage;
  }
}
