/**
 * `<flint-call-alerts>`: the card that offers call alerts (Web Push), so a date call reaches the
 * person with no Flint tab open. The browser's permission prompt appears only from its button (a
 * click), never by itself and never while a call rings. Shown while the answer is not given yet;
 * it then says what happened (on, or blocked with where to change it) and stays out of the way on
 * later visits. Absent where the browser has no push.
 */
import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';
import { pageStyles } from '../pages/page-styles.ts';
import { type AlertsState, alertsState, enableCallAlerts } from './web-push.ts';

export class FlintCallAlerts extends LitElement {
  static override styles = [
    pageStyles,
    css`
      section {
        border: 1px solid #e4dce8;
        border-radius: 0.75rem;
        padding: 0.75rem 1rem;
        margin-top: 1rem;
      }
      h2 {
        font-size: 1.05rem;
        margin: 0 0 0.25rem;
      }
    `,
  ];

  @property() locale: Locale = 'en';
  /** What the card says; starts from the browser's current answer. */
  @state() private alerts: AlertsState = alertsState();
  /** Only after a click does the card report an outcome (on a later visit it is simply gone). */
  @state() private answered = false;
  @state() private failed = false;
  @state() private busy = false;

  override render() {
    const l = this.locale;
    if (this.alerts === 'unsupported') return nothing;
    if (!this.failed && this.answered && this.alerts === 'on') return html`<p role="status">${t(l, 'alerts.on')}</p>`;
    if (!this.failed && this.answered && this.alerts === 'blocked') return html`<p role="status">${t(l, 'alerts.blocked')}</p>`;
    if (!this.failed && this.alerts !== 'ask') return nothing;
    return html`<section aria-labelledby="alerts-title">
      <h2 id="alerts-title">${t(l, 'alerts.title')}</h2>
      <p class="muted">${t(l, 'alerts.hint')}</p>
      <button class="primary" type="button" aria-disabled=${this.busy} @click=${this.#enable}>${t(l, 'alerts.enable')}</button>
      ${this.failed ? html`<p role="alert">${t(l, 'alerts.failed')}</p>` : nothing}
    </section>`;
  }

  #enable = async () => {
    if (this.busy) return;
    this.busy = true;
    try {
      this.alerts = await enableCallAlerts();
      this.answered = true;
      this.failed = false;
    } catch (error) {
      // Permission given, but the browser's push service could not be reached: offer it again.
      console.warn('[flint] call alerts could not be turned on', error);
      this.failed = true;
    } finally {
      this.busy = false;
    }
  };
}

const tag = 'flint-call-alerts';
if (!customElements.get(tag)) customElements.define(tag, FlintCallAlerts);

declare global {
  interface HTMLElementTagNameMap {
    'flint-call-alerts': FlintCallAlerts;
  }
}
