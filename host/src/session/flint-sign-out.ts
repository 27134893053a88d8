/**
 * `<flint-sign-out>`: the shell's "Sign out" button. When some of the user's messages have not
 * been sent yet, it asks first in an alert dialog (modal, labelled and described, focus on the safe
 * choice, Escape cancels, focus back on the button after), since signing out deletes them from
 * this device.
 *
 * @csspart button - the sign-out button
 */

import { css, html, LitElement } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';
import { signOut, unsentCount } from './sign-out.ts';

export class FlintSignOut extends LitElement {
  static override styles = css`
    button { font: inherit; border: 0; border-radius: 0.5rem; padding: 0.3rem 0.7rem; cursor: pointer; min-height: 2.75rem; min-width: 2.75rem; }
    [part='button'] { background: var(--flint-sign-out-background, transparent); color: var(--flint-sign-out-color, #fff); box-shadow: inset 0 0 0 2px currentColor; }
    dialog { border: 0; border-radius: 0.75rem; padding: 1.25rem; max-width: 26rem; color: #221; }
    dialog::backdrop { background: #2218; }
    h2 { margin: 0 0 0.5rem; font-size: 1.2rem; }
    .choices { display: flex; gap: 0.5rem; justify-content: flex-end; margin-top: 1rem; flex-wrap: wrap; }
    .danger { background: #b3245c; color: #fff; }
    .safe { background: #eee4f1; color: #221; }
  `;

  @property() locale: Locale = 'en';
  @state() private unsent = 0;
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('.safe') private safe!: HTMLButtonElement;

  override render() {
    const l = this.locale;
    return html`
      <button part="button" type="button" @click=${this.#onClick}>${t(l, 'nav.signOut')}</button>
      <dialog role="alertdialog" aria-modal="true" aria-labelledby="title" aria-describedby="why" @close=${this.#onClose}>
        <h2 id="title">${t(l, 'signOut.title')}</h2>
        <p id="why">${t(l, 'signOut.unsent', { count: this.unsent })}</p>
        <div class="choices">
          <button class="safe" type="button" @click=${() => this.dialog.close('cancel')}>${t(l, 'signOut.cancel')}</button>
          <button class="danger" type="button" @click=${() => this.dialog.close('confirm')}>${t(l, 'signOut.confirm')}</button>
        </div>
      </dialog>
    `;
  }

  #onClick = async () => {
    this.unsent = await unsentCount().catch(() => 0);
    if (this.unsent === 0) {
      await signOut();
      return;
    }
    await this.updateComplete;
    this.dialog.showModal();
    this.safe.focus();
  };

  #onClose = () => {
    if (this.dialog.returnValue === 'confirm') void signOut();
    this.dialog.returnValue = '';
  };
}

const tag = 'flint-sign-out';
if (!customElements.get(tag)) customElements.define(tag, FlintSignOut);

declare global {
  interface HTMLElementTagNameMap {
    'flint-sign-out': FlintSignOut;
  }
}
