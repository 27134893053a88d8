/**
 * `/live`: the device preview (camera and microphone, what a live video stage needs), then the
 * queue: join, the position and estimated wait while waiting, leave. At `call:matched` the
 * `<flint-call>` the shell mounts takes over; when the live session ends the shell brings the user
 * back here, where a mutual "Match?" shows the link to the new chat.
 */

import type { QueueStatus } from '@flint/shared';
import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Locale } from '../i18n/locale.ts';
import { type StringKey, t } from '../i18n/strings.ts';
import { browserCapture, type Capture } from '../live/device-preview.ts';
import { LiveQueueController } from '../live/live-queue-controller.ts';
import { type RealtimeStore, realtimeContext } from '../session/context.ts';
import { pageStyles } from './page-styles.ts';

/** Error codes the page explains in its own words; anything else gets the generic sentence. */
const EXPLAINED = new Set(['busy', 'conflict', 'disconnected', 'timeout']);

export class FlintLivePage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .preview {
        display: block;
        width: 100%;
        max-width: 24rem;
        aspect-ratio: 4 / 3;
        background: #15151a;
        border-radius: 0.75rem;
        object-fit: cover;
      }
      .row {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
        align-items: center;
        margin: 0.75rem 0;
      }
    `,
  ];

  @property() locale: Locale = 'en';

  @consume({ context: realtimeContext, subscribe: true })
  @property({ attribute: false })
  realtime: RealtimeStore | null = null;

  /** Where the preview captures from; read once, when the page is created (tests hand in a failing one). */
  @property({ attribute: false }) capture: Capture = browserCapture;

  #queue: LiveQueueController | null = null;

  override connectedCallback(): void {
    // Created here, not in a field initialiser, so a `capture` set before mounting is the one used.
    this.#queue ??= new LiveQueueController(this, this.capture);
    super.connectedCallback();
  }

  protected override willUpdate(): void {
    this.#queue?.use(this.realtime);
  }

  override render() {
    const l = this.locale;
    const q = this.#queue!;
    return html`
      <h1>${t(l, 'live.title')}</h1>
      <p>${t(l, 'live.intro')}</p>
      ${q.available ? nothing : html`<p role="alert">${t(l, 'live.unavailable')}</p>`}
      ${q.phase === 'matched' ? nothing : this.#renderDevices(q)}
      <p role="status" data-testid="live-status">${this.#statusText(q)}</p>
      ${q.error ? html`<p role="alert">${t(l, EXPLAINED.has(q.error) ? (`live.error.${q.error}` as StringKey) : 'live.error.other')}</p>` : nothing}
      ${q.match?.href && q.phase === 'out' ? html`<p>${q.match.body} <a href=${q.match.href}>${t(l, 'live.openChat')}</a></p>` : nothing}
      <div class="row">${this.#renderQueueButtons(q)}</div>
    `;
  }

  #renderDevices(q: LiveQueueController) {
    const l = this.locale;
    const p = q.preview;
    return html`<section aria-labelledby="devices-title">
      <h2 id="devices-title">${t(l, 'live.devices')}</h2>
      ${
        p.status === 'ready'
          ? html`<video class="preview" autoplay muted .muted=${true} playsinline .srcObject=${p.stream} aria-label=${t(l, 'live.preview')}></video>
            <p>${t(l, 'live.devicesOk')}</p>`
          : nothing
      }
      ${p.status === 'starting' ? html`<p>${t(l, 'live.checking')}</p>` : nothing}
      ${p.status === 'failed' ? html`<p role="alert" data-failure=${p.failure}>${t(l, `live.failed.${p.failure}`)}</p>` : nothing}
      ${
        p.status === 'off' || p.status === 'failed'
          ? html`<div class="row">
            <button type="button" @click=${() => void q.startPreview()}>
              ${t(l, p.status === 'off' ? 'live.startPreview' : 'live.tryAgain')}
            </button>
          </div>`
          : nothing
      }
    </section>`;
  }

  #renderQueueButtons(q: LiveQueueController) {
    const l = this.locale;
    if (q.phase === 'waiting' || q.phase === 'leaving') {
      return html`<button type="button" ?disabled=${q.phase === 'leaving'} @click=${() => void q.leave()}>${t(l, 'live.leave')}</button>`;
    }
    if (q.phase === 'matched') return nothing;
    return html`<button type="button" class="primary" ?disabled=${!q.canJoin} @click=${() => void q.join()}>
      ${t(l, 'live.join')}
    </button>`;
  }

  #statusText(q: LiveQueueController): string {
    const l = this.locale;
    switch (q.phase) {
      case 'joining':
        return t(l, 'live.joining');
      case 'waiting':
      case 'leaving':
        return waitingText(l, q.status);
      case 'matched':
        return q.peer ? t(l, 'live.matched', { name: q.peer.displayName }) : t(l, 'live.matchedSomeone');
      default:
        return q.match ? t(l, 'live.itsAMatch') : '';
    }
  }
}

/** "You are number N in line · about M s"; without a position yet, just "Waiting…". */
export function waitingText(l: Locale, { position, estimateMs }: QueueStatus): string {
  if (position === undefined) return t(l, 'live.waiting');
  const where = t(l, 'live.position', { position });
  if (estimateMs === undefined) return where;
  const seconds = Math.max(1, Math.round(estimateMs / 1000));
  const about =
    seconds < 60 ? t(l, 'live.estimateSeconds', { seconds }) : t(l, 'live.estimateMinutes', { minutes: Math.round(seconds / 60) });
  return `${where} · ${about}`;
}

const tag = 'flint-live-page';
if (!customElements.get(tag)) customElements.define(tag, FlintLivePage);

declare global {
  interface HTMLElementTagNameMap {
    'flint-live-page': FlintLivePage;
  }
}
