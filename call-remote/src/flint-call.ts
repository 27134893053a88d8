/**
 * `<flint-call>`: the one call surface of Flint, mounted once by the host.
 *
 * @summary Staged video dates: ringing, hardware gate, stages and intermissions on one surface.
 * @fires flint-call-state-change - `{ state, stage, sessionId }` on every state or stage change.
 * @fires flint-call-ended - `{ sessionId, kind, reason, conversationId }` when a session ends.
 * @csspart surface - the call surface.
 * @cssproperty [--flint-call-accent=#ff5a5f] - accent colour.
 */
import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { StoreController } from '@nanostores/lit';
import { $connection } from 'realtime/socket-store';

export class FlintCall extends LitElement {
  static override styles = css`
    :host { display: contents; --flint-call-accent: #ff5a5f; }
    [part='surface'] { font-size: 0.8rem; color: #776; padding: 0 1rem; }
  `;

  /** Public call state (read-only), one of the state names of ARCHITECTURE §4. */
  @property({ reflect: true }) readonly state = 'IDLE';

  #connection = new StoreController(this, $connection);

  override render() {
    const { status } = this.#connection.value;
    return html`<div part="surface" data-connection=${status}>realtime: ${status}</div>`;
  }
}

if (!customElements.get('flint-call')) customElements.define('flint-call', FlintCall);

declare global {
  interface HTMLElementTagNameMap {
    'flint-call': FlintCall;
  }
}
