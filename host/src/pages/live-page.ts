/** `/live`: what live dates are. The queue controls arrive with the live-queue issue. */
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { Locale } from '../app/router.ts';
import { t } from '../i18n/strings.ts';
import { pageStyles } from './page-styles.ts';

export class FlintLivePage extends LitElement {
  static override styles = pageStyles;

  @property() locale: Locale = 'en';

  override render() {
    return html`
      <h1>${t(this.locale, 'live.title')}</h1>
      <p>${t(this.locale, 'live.intro')}</p>
    `;
  }
}

const tag = 'flint-live-page';
if (!customElements.get(tag)) customElements.define(tag, FlintLivePage);

declare global {
  interface HTMLElementTagNameMap {
    'flint-live-page': FlintLivePage;
  }
}
