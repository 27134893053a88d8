/** The incoming-call prompt (RINGING) and the outgoing "Calling…" card (DIALING). */
import { html, nothing } from 'lit';
import { RING_KEY } from '../ringing/ring-keys.ts';
import { clock, secondsLeft } from './format.ts';
import { type CallViewModel, peerName } from './view-model.ts';

/**
 * A non-modal alertdialog: announced over whatever route the user is on, but it never takes the
 * focus (a key typed into a field must never answer): F2 reaches it (ring-keys.ts).
 */
export function renderRinging(vm: CallViewModel) {
  const { context } = vm.snapshot;
  const title = vm.t(context.kind === 'live' ? 'ui.incomingLiveTitle' : 'ui.incomingTitle');
  return html`<div
    part="ringing"
    class="card floating"
    role="alertdialog"
    aria-modal="false"
    aria-keyshortcuts=${RING_KEY}
    aria-labelledby="ringing-title"
    aria-describedby="ringing-desc"
  >
    <h2 id="ringing-title">${title}</h2>
    <p id="ringing-desc">${vm.t('ui.incomingFrom', { name: peerName(vm) })}</p>
    <p class="muted" aria-hidden="true">${clock(secondsLeft(context.ringEndsAt, vm.now))}</p>
    <p class="muted">${vm.t('ui.ringKeyHint', { key: RING_KEY })}</p>
    ${vm.sound === 'blocked' ? html`<p class="muted" data-sound-blocked>${vm.t('ui.soundBlocked')}</p>` : nothing}
    <div part="controls" class="row">
      <button class="accept" @click=${vm.act.accept}>${vm.t('ui.accept')}</button>
      <button class="danger" @click=${vm.act.decline}>${vm.t('ui.decline')}</button>
    </div>
  </div>`;
}

/** Cancel stays disabled until the server acked the request: before that there is nothing to cancel. */
export function renderDialing(vm: CallViewModel) {
  const { context } = vm.snapshot;
  const text = context.peer ? vm.t('ui.calling', { name: context.peer.displayName }) : vm.t('ui.callingSomeone');
  return html`<div part="dialing" class="card floating" role="status">
    <p>${text}</p>
    ${context.peerUnavailable ? html`<p class="muted" data-peer-unavailable>${vm.t('ui.peerUnavailable')}</p>` : nothing}
    <div part="controls" class="row">
      <button class="danger" ?disabled=${context.sessionId === null} @click=${vm.act.hangUp}>
        ${vm.t('ui.cancel')}
      </button>
    </div>
  </div>`;
}
