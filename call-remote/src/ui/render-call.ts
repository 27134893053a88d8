/** The element's whole view for one state: the live region, then the block that state shows. */
import { html, nothing } from 'lit';
import { CallState } from '../fsm/index.ts';
import { renderDialing, renderRinging } from './ringing.ts';
import { renderStage } from './stage-view.ts';
import { renderSummary } from './summary.ts';
import type { CallViewModel } from './view-model.ts';

function body(vm: CallViewModel) {
  switch (vm.snapshot.state) {
    case CallState.IDLE:
      return vm.elsewhere ? html`<p part="elsewhere" class="card floating" role="status">${vm.t('ui.elsewhere')}</p>` : nothing;
    case CallState.RINGING:
      return renderRinging(vm);
    case CallState.DIALING:
      return renderDialing(vm);
    case CallState.FINISHED:
    case CallState.FAILED:
      return renderSummary(vm);
    default:
      return html`<div part="surface">${renderStage(vm)}</div>`;
  }
}

/** Calls cannot work until the page is reloaded: say so, with the one button that helps. */
const outdated = (vm: CallViewModel) =>
  html`<div part="outdated" class="card floating" role="alert">
    <p>${vm.t('ui.outdated')}</p>
    <div part="controls" class="row"><button class="accept" @click=${() => location.reload()}>${vm.t('ui.reload')}</button></div>
  </div>`;

export const renderCall = (vm: CallViewModel, announcement: string) =>
  html`<div part="live" class="sr-only" role="status" aria-live="polite">${announcement}</div>${vm.outdated ? outdated(vm) : body(vm)}`;

/**
 * Which dialog is open (a new key is a new dialog, so focus moves into it), or null. Not the
 * ringing prompt: it never takes focus (ring-keys.ts).
 */
export function dialogKey({ snapshot: { state, context } }: Pick<CallViewModel, 'snapshot'>): string | null {
  if (state === CallState.INTERMISSION) return `intermission:${context.stage}:${context.myVote}`;
  if (state === CallState.FINISHED || state === CallState.FAILED) return 'summary';
  if (state === CallState.CHECKING_DEVICES && context.deviceFailure) return `gate:${context.deviceFailure}`;
  return null;
}
