/** `/login`: sign in as a demo user (dev login, QA contract §7) or by typing a username. */
import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { go } from '../app/router.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';
import { devLogin } from '../session/session.ts';
import { pageStyles } from './page-styles.ts';

/** The seeded demo users (ARCHITECTURE §7). */
export const DEMO_USERS = ['ava', 'ben', 'cleo', 'dan', 'admin'] as const;

export class FlintLoginPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      form {
        display: flex;
        gap: 0.5rem;
        align-items: end;
      }
      form div {
        flex: 1;
      }
    `,
  ];

  @property() locale: Locale = 'en';
  @state() private username = '';
  @state() private pending = false;
  @state() private error = '';

  override render() {
    const l = this.locale;
    return html`
      <h1>${t(l, 'login.title')}</h1>
      <h2 id="demo">${t(l, 'login.demoUsers')}</h2>
      <ul aria-labelledby="demo">
        ${DEMO_USERS.map(
          (name) => html`<li>
            <button ?disabled=${this.pending} @click=${() => this.signIn(name)}>
              ${t(l, 'login.signInAs', { username: name })}
            </button>
          </li>`,
        )}
      </ul>
      <h2>${t(l, 'login.other')}</h2>
      <form @submit=${this.onSubmit}>
        <div>
          <label for="username">${t(l, 'login.username')}</label>
          <input
            id="username"
            name="username"
            autocomplete="username"
            .value=${this.username}
            @input=${(e: InputEvent) => (this.username = (e.target as HTMLInputElement).value)}
          />
        </div>
        <button class="primary" type="submit" ?disabled=${this.pending}>${t(l, 'login.submit')}</button>
      </form>
      ${this.error ? html`<p role="alert">${this.error}</p>` : null}
    `;
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const name = this.username.trim();
    if (!name) {
      this.error = t(this.locale, 'login.required');
      return;
    }
    void this.signIn(name);
  }

  private async signIn(username: string): Promise<void> {
    this.pending = true;
    this.error = '';
    try {
      await devLogin(username);
      go('home', this.locale);
    } catch {
      this.error = t(this.locale, 'login.failed', { username });
    } finally {
      this.pending = false;
    }
  }
}

const tag = 'flint-login-page';
if (!customElements.get(tag)) customElements.define(tag, FlintLoginPage);

declare global {
  interface HTMLElementTagNameMap {
    'flint-login-page': FlintLoginPage;
  }
}
