/** FINISHED / FAILED: why the call ended, in plain words, and the way out (DISMISS). */
import { html, nothing } from 'lit';
import { CallState } from '../fsm/index.ts';
import type { StringKey } from '../i18n/index.ts';
import type { CallViewModel } from './view-model.ts';

function reasonText(vm: CallViewModel): string {
  const { endReason, deviceFailure, error, sessionId } = vm.snapshot.context;
  // Only the side that reported or blocked says so; both got the same neutral call:ended.
  const acted = endReason === 'reported' ? vm.safety?.actedIn(sessionId) : null;
  if (acted) return vm.t(acted === 'report' ? 'safety.reportSent' : 'safety.blocked');
  // Only the participant whose device failed is told the failure type (the server sends it to them alone).
  if (endReason === 'device-unavailable' && deviceFailure) {
    return `${vm.t('reason.own-device')} ${vm.t(`device.${deviceFailure}`)}`;
  }
  if (endReason) return vm.t(`reason.${endReason}` as StringKey);
  return error?.message ?? vm.t('call.failed');
}

export function renderSummary(vm: CallViewModel) {
  const { state, context } = vm.snapshot;
  const toChat = context.kind === 'staged' && context.conversationId !== null;
  return html`<div class="backdrop">
    <div part="summary" class="card" role="dialog" aria-modal="true" aria-labelledby="summary-title">
      <h2 id="summary-title">${vm.t(state === CallState.FAILED ? 'ui.failedTitle' : 'ui.summaryTitle')}</h2>
      <p class="reason">${reasonText(vm)}</p>
      ${
        context.stages > 0 && context.stage > 0
          ? html`<p class="muted">${vm.t('ui.stageOf', { stage: context.stage, stages: context.stages })}</p>`
          : nothing
      }
      <div part="controls" class="row">
        <button class="accept" data-autofocus @click=${vm.act.dismiss}>
          ${vm.t(toChat ? 'ui.backToChat' : 'ui.close')}
        </button>
      </div>
    </div>
  </div>`;
}
