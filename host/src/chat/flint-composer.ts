/**
 * `<flint-composer>`: a message field with its send button. Enter sends, Shift+Enter is a new line.
 * Near MAX_CHAT_BODY a counter shows what is left; over it, sending is refused with the reason and
 * the text stays. The text leaves the field only once `send` has kept it (the outbox write); if
 * that fails, it comes back with the reason. Used for new messages and for editing a refused one.
 *
 * @csspart field - the textarea
 */

import { MAX_CHAT_BODY } from '@flint/shared';
import { css, html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';
import { measure } from './composer-limit.ts';

let ids = 0;

export class FlintComposer extends LitElement {
  static override styles = css`
    form { display: grid; grid-template-columns: 1fr auto; gap: 0.25rem 0.5rem; align-items: end; }
    label, .counter, .problem { grid-column: 1 / -1; font-size: 0.85rem; color: #6b5b73; margin: 0; }
    .counter[data-over='true'], .problem { color: #b3245c; }
    textarea { font: inherit; resize: vertical; border-radius: 0.5rem; border: 1px solid #cbbfd3; padding: 0.4rem 0.6rem; }
    textarea[aria-invalid='true'] { border-color: #b3245c; }
    .actions { display: flex; gap: 0.25rem; }
    button { font: inherit; border: 0; border-radius: 0.5rem; padding: 0.5rem 1rem; min-height: 2.75rem; min-width: 2.75rem; background: #b3245c; color: #fff; cursor: pointer; }
    button.secondary { background: #eee4f1; color: #221; }
  `;

  @property() locale: Locale = 'en';
  @property() label = '';
  @property() submitLabel = '';
  /** Initial text (editing a refused message). */
  @property() value = '';
  /** Shows a Cancel button that fires `flint-compose-cancel`. */
  @property({ type: Boolean }) cancellable = false;
  /** Keeps the text (e.g. writes it to the outbox); the field clears once it resolves. */
  @property({ attribute: false }) send: (body: string) => Promise<void> = async () => {};

  @state() private text = '';
  @state() private problem: string | null = null;
  @query('textarea') private field!: HTMLTextAreaElement;
  readonly #id = `composer-${++ids}`;

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('value')) this.text = this.value;
  }

  override focus(): void {
    this.field?.focus();
  }

  override render() {
    const l = this.locale;
    const m = measure(this.text);
    const counter = m.over ? t(l, 'chat.counter.over', { count: -m.left }) : t(l, 'chat.counter.left', { count: m.left });
    return html`<form @submit=${this.#onSubmit}>
      <label for=${this.#id}>${this.label}</label>
      <textarea
        id=${this.#id}
        part="field"
        name="body"
        rows="2"
        .value=${this.text}
        aria-invalid=${m.over ? 'true' : 'false'}
        aria-describedby="${this.#id}-counter ${this.#id}-problem"
        @input=${this.#onInput}
        @keydown=${this.#onKeydown}
      ></textarea>
      <span class="actions">
        ${this.cancellable ? html`<button class="secondary" type="button" @click=${this.#onCancel}>${t(l, 'chat.cancel')}</button>` : nothing}
        <button type="submit">${this.submitLabel}</button>
      </span>
      <p class="counter" id="${this.#id}-counter" data-over=${m.over ? 'true' : 'false'} aria-live="polite">
        ${m.showCounter ? counter : nothing}
      </p>
      <p class="problem" id="${this.#id}-problem" role="alert">${this.problem ?? nothing}</p>
    </form>`;
  }

  #onInput = (event: InputEvent) => {
    this.text = (event.currentTarget as HTMLTextAreaElement).value;
    if (this.problem && !measure(this.text).over) this.problem = null;
  };

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      (event.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
    }
  };

  #onCancel = () => {
    this.dispatchEvent(new Event('flint-compose-cancel', { bubbles: true, composed: true }));
  };

  #onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const body = this.field.value;
    const m = measure(body);
    if (m.empty) return;
    if (m.over) {
      this.problem = t(this.locale, 'chat.tooLong', { max: MAX_CHAT_BODY, over: -m.left });
      return;
    }
    this.problem = null;
    // Cleared at once for the next message; put back if it could not be kept.
    this.text = '';
    this.field.value = '';
    try {
      await this.send(body);
    } catch (error) {
      console.warn('[flint] could not keep a message', error);
      if (!this.field.value) this.text = this.field.value = body;
      this.problem = t(this.locale, 'chat.keepFailed');
    }
  };
}

const tag = 'flint-composer';
if (!customElements.get(tag)) customElements.define(tag, FlintComposer);

declare global {
  interface HTMLElementTagNameMap {
    'flint-composer': FlintComposer;
  }
}
