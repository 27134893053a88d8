/**
 * `/profile`: edit display name, bio and age. The form is filled from the server ONCE; after that
 * the draft lives in element state, updated on every `input`, so re-renders caused elsewhere (a
 * toast, a session change) never replace what the user is typing. Only a successful save resets it.
 */

import type { PublicUser } from '@flint/shared';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ApiError, api } from '../api/api.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';
import { $session, updateUser } from '../session/session.ts';
import { StoreBinding } from './bindings.ts';
import { pageStyles } from './page-styles.ts';

interface Draft {
  displayName: string;
  bio: string;
  /** As typed; '' means "not given". */
  age: string;
}

const toDraft = (u: PublicUser): Draft => ({ displayName: u.displayName, bio: u.bio, age: u.age === null ? '' : String(u.age) });

export class FlintProfilePage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      textarea {
        min-height: 6rem;
        resize: vertical;
      }
      input[type='number'] {
        width: 8rem;
      }
      .actions {
        display: flex;
        gap: 1rem;
        align-items: center;
        margin-top: 1rem;
      }
    `,
  ];

  @property() locale: Locale = 'en';
  @state() private draft: Draft | null = null;
  @state() private saving = false;
  @state() private status = '';
  @state() private error = '';

  private readonly session = new StoreBinding(this, null, $session);

  /** Runs once per element (its args never change): the only load from the server. */
  private readonly load = new Task(this, {
    task: () => api.me(),
    args: () => [],
    onComplete: (user) => (this.draft = toDraft(user)),
  });

  override render() {
    const l = this.locale;
    const username = this.session.value?.user.username;
    return html`
      <h1>${t(l, 'profile.title')}</h1>
      ${username ? html`<p class="muted">${t(l, 'profile.signedInAs', { username })}</p>` : null}
      ${this.load.render({
        pending: () => html`<p>${t(l, 'common.loading')}</p>`,
        error: () => html`<p role="alert">${t(l, 'common.loadFailed')}</p>`,
        complete: () => (this.draft ? this.renderForm(this.draft) : null),
      })}
    `;
  }

  private renderForm(d: Draft) {
    const l = this.locale;
    return html`<form novalidate @submit=${this.save} @input=${this.onInput}>
      <label for="displayName">${t(l, 'profile.displayName')}</label>
      <input id="displayName" name="displayName" autocomplete="nickname" aria-required="true" .value=${live(d.displayName)} />
      <label for="bio">${t(l, 'profile.bio')}</label>
      <textarea id="bio" name="bio" .value=${live(d.bio)}></textarea>
      <label for="age">${t(l, 'profile.age')}</label>
      <input id="age" name="age" type="number" inputmode="numeric" min="18" max="120" .value=${live(d.age)} />
      ${this.error ? html`<p role="alert">${this.error}</p>` : null}
      <div class="actions">
        <button class="primary" type="submit" aria-disabled=${this.saving}>${t(l, 'profile.save')}</button>
        <span role="status" aria-live="polite">${this.status}</span>
      </div>
    </form>`;
  }

  private onInput(e: InputEvent): void {
    const field = e.target as HTMLInputElement | HTMLTextAreaElement;
    if (!this.draft || !(field.name in this.draft)) return;
    this.draft = { ...this.draft, [field.name]: field.value };
    this.status = '';
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (!this.draft || this.saving) return;
    const sent = this.draft;
    const { displayName, bio, age } = sent;
    this.saving = true;
    this.error = '';
    this.status = '';
    try {
      const user = await api.updateProfile({ displayName, bio, age: age.trim() === '' ? null : Number(age) });
      updateUser(user);
      // Keystrokes typed while the request was in flight win over the saved copy.
      if (this.draft === sent) this.draft = toDraft(user);
      this.status = t(this.locale, 'profile.saved');
    } catch (err) {
      this.error =
        err instanceof ApiError && err.status === 400
          ? t(this.locale, 'profile.invalid', { message: err.message })
          : t(this.locale, 'profile.saveFailed');
    } finally {
      this.saving = false;
    }
  }
}

const tag = 'flint-profile-page';
if (!customElements.get(tag)) customElements.define(tag, FlintProfilePage);

declare global {
  interface HTMLElementTagNameMap {
    'flint-profile-page': FlintProfilePage;
  }
}
