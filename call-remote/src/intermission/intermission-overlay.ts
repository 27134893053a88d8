/**
 * The intermission over the video area: "Continue to stage N?" (live: "Match?"), Yes / No, the
 * countdown to the decision deadline, then "Waiting for the other person…" once this side voted.
 * It never says who declined: the server reveals both decisions together.
 */
import { html, nothing } from 'lit';
import { CallState } from '../fsm/index.ts';
import { secondsLeft } from '../ui/format.ts';
import { renderSafetyButtons } from '../ui/safety-view.ts';
import type { CallViewModel } from '../ui/view-model.ts';

export function renderIntermission(vm: CallViewModel) {
  const { state, context } = vm.snapshot;
  if (state !== CallState.INTERMISSION) return nothing;
  const question =
    context.kind === 'live' || context.stage >= context.stages ? vm.t('ui.match') : vm.t('ui.continueTo', { stage: context.stage + 1 });
  const seconds = secondsLeft(context.decisionEndsAt, vm.now);
  return html`<div
    part="intermission"
    class="overlay"
    role="dialog"
    aria-modal="true"
    aria-labelledby="intermission-title"
  >
    <h2 id="intermission-title">${question}</h2>
    <p part="countdown" role="timer" aria-live="off">${vm.t('ui.decideWithin', { seconds })}</p>
    ${
      context.myVote === null
        ? html`<div part="controls" class="row">
          <button class="accept" data-autofocus @click=${() => vm.act.vote(true)}>${vm.t('ui.yes')}</button>
          <button class="danger" @click=${() => vm.act.vote(false)}>${vm.t('ui.no')}</button>
        </div>`
        : html`<p role="status" tabindex="-1" data-autofocus>${vm.t('ui.waitingForOther')}</p>`
    }
    <div part="controls" class="row">${renderSafetyButtons(vm)}</div>
  </div>`;
}
