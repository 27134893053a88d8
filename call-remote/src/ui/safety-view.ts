/**
 * The Report / Block buttons (in the stage controls, and inside the intermission overlay, which is
 * modal) and their dialog. State and requests live in SafetyController (safety-actions.ts).
 */
import { MAX_REPORT_REASON } from '@flint/shared';
import { css, html, nothing } from 'lit';
import { type CallViewModel, peerName } from './view-model.ts';

export function renderSafetyButtons(vm: CallViewModel) {
  const safety = vm.safety;
  if (!safety || !vm.snapshot.context.sessionId) return nothing;
  return html`<button class="safety-action" @click=${(e: Event) => safety.open('report', e.currentTarget)}>
      ${vm.t('safety.report')}
    </button>
    <button class="safety-action" @click=${(e: Event) => safety.open('block', e.currentTarget)}>${vm.t('safety.block')}</button>`;
}

export function renderSafetyDialog(vm: CallViewModel) {
  const safety = vm.safety;
  const kind = safety?.dialog;
  if (!safety || !kind) return nothing;
  const name = peerName(vm);
  const body =
    kind === 'report'
      ? html`<label for="safety-reason">${vm.t('safety.reason')}</label>
          <textarea
            id="safety-reason"
            rows="4"
            autofocus
            maxlength=${MAX_REPORT_REASON}
            aria-describedby="safety-desc"
            .value=${safety.reason}
            @input=${(e: Event) => (safety.reason = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          <p id="safety-desc" class="muted">${vm.t('safety.reportHint', { max: MAX_REPORT_REASON })}</p>`
      : html`<p id="safety-desc">${vm.t('safety.blockBody')}</p>`;
  return html`<dialog
    data-safety=${kind}
    part="safety-dialog"
    class="safety"
    aria-labelledby="safety-title"
    aria-describedby="safety-desc"
    @cancel=${(e: Event) => {
      // Escape: Lit removes the dialog, so the element never closes behind the controller's back.
      e.preventDefault();
      safety.cancel();
    }}
  >
    <h2 id="safety-title">${vm.t(kind === 'report' ? 'safety.reportTitle' : 'safety.blockTitle', { name })}</h2>
    ${body} ${safety.problem ? html`<p role="alert" class="problem">${vm.t(safety.problem)}</p>` : nothing}
    <div class="row">
      <button class="danger" ?disabled=${safety.sending} @click=${() => void safety.send()}>
        ${vm.t(kind === 'report' ? 'safety.send' : 'safety.confirmBlock')}
      </button>
      <button ?autofocus=${kind === 'block'} @click=${() => safety.cancel()}>${vm.t('ui.cancel')}</button>
    </div>
  </dialog>`;
}

export const safetyStyles = css`
  dialog.safety {
    background: var(--flint-call-card-bg); color: var(--flint-call-card-fg); border: 0;
    border-radius: var(--flint-call-radius); padding: 1.25rem 1.5rem; width: min(26rem, 90vw); box-shadow: 0 0.5rem 2rem #0005;
  }
  dialog.safety::backdrop { background: #0008; }
  dialog.safety h2 { margin: 0 0 0.5rem; font-size: 1.2rem; }
  dialog.safety label { display: block; font-weight: 600; margin: 0.5rem 0 0.25rem; }
  dialog.safety textarea {
    font: inherit; width: 100%; box-sizing: border-box; padding: 0.5rem; border: 1px solid #8a8190; border-radius: 0.5rem;
  }
  dialog.safety button:not(.danger) { background: #0001; }
  dialog.safety .problem { color: var(--flint-call-danger); font-weight: 600; }
`;
