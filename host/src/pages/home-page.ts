/** `/`: a greeting, the ways in (swipe, chats, live), and the offer of call alerts when Flint is closed. */
import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { type PageName, pathTo } from '../app/router.ts';
import type { Locale } from '../i18n/locale.ts';
import { type StringKey, t } from '../i18n/strings.ts';
import { $session } from '../session/session.ts';
import { StoreBinding } from './bindings.ts';
import '../push/flint-call-alerts.ts';
import { pageStyles } from './page-styles.ts';

const LINKS: Array<{ page: PageName; label: StringKey; hint: StringKey }> = [
  { page: 'swipe', label: 'home.swipe', hint: 'home.swipeHint' },
  { page: 'chats', label: 'home.chats', hint: 'home.chatsHint' },
  { page: 'live', label: 'home.live', hint: 'home.liveHint' },
];

export class FlintHomePage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      ul {
        display: grid;
        gap: 0.75rem;
      }
      li {
        border: 1px solid #e4dce8;
        border-radius: 0.75rem;
        padding: 0.75rem 1rem;
      }
      a {
        display: flex;
        align-items: center;
        min-height: 2.75rem;
        font-weight: 600;
        font-size: 1.1rem;
      }
      p {
        margin: 0.25rem 0 0;
      }
    `,
  ];

  @property() locale: Locale = 'en';
  private readonly session = new StoreBinding(this, null, $session);

  override render() {
    const l = this.locale;
    const name = this.session.value?.user.displayName;
    return html`
      <h1>${name ? t(l, 'home.greeting', { name }) : t(l, 'home.greetingAnon')}</h1>
      <ul>
        ${LINKS.map(
          ({ page, label, hint }) => html`<li>
            <a href=${pathTo(page, l)}>${t(l, label)}</a>
            <p class="muted">${t(l, hint)}</p>
          </li>`,
        )}
      </ul>
      <flint-call-alerts .locale=${l}></flint-call-alerts>
    `;
  }
}

const tag = 'flint-home-page';
if (!customElements.get(tag)) customElements.define(tag, FlintHomePage);

declare global {
  interface HTMLElementTagNameMap {
    'flint-home-page': FlintHomePage;
  }
}
