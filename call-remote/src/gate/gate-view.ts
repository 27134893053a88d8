/**
 * The hardware gate on screen (CHECKING_DEVICES / NEXT_STAGE): a live preview of what the stage
 * will send, the microphone level, and on failure plain guidance with a retry that needs no reload.
 */
import { html, nothing } from 'lit';
import { CallState } from '../fsm/index.ts';
import type { CallViewModel } from '../ui/view-model.ts';

export const micMeter = (vm: CallViewModel) =>
  html`<meter part="mic-level" min="0" max="1" .value=${vm.level} aria-label=${vm.t('ui.micLevel')}></meter>`;

export function renderGate(vm: CallViewModel) {
  const { state, context } = vm.snapshot;
  if (state !== CallState.CHECKING_DEVICES && state !== CallState.NEXT_STAGE) return nothing;
  const failure = context.deviceFailure;
  const video = context.media === 'video';
  return html`<div part="gate" class="panel">
    ${
      failure
        ? html`<div role="alert" class="failure">
          <p>${vm.t(`device.${failure}`)}</p>
          <button class="accept" data-autofocus @click=${vm.act.retryDevices}>${vm.t('ui.tryAgain')}</button>
        </div>`
        : html`<p>${vm.t(video ? 'ui.checkingDevices' : 'ui.checkingMic')}</p>`
    }
    ${
      video && vm.local
        ? html`<video
          part="gate-preview"
          class="preview"
          autoplay
          muted
          .muted=${true}
          playsinline
          .srcObject=${vm.local}
          aria-label=${vm.t('ui.yourPreview')}
        ></video>`
        : nothing
    }
    ${vm.local ? micMeter(vm) : nothing}
  </div>`;
}
