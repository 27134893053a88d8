/**
 * The call surface from the gate to the last stage: header with stage and timer, the video area
 * (remote media, local preview, gate panel, intermission overlay), the reconnecting banner and the
 * controls. The remote <video> stays mounted for the whole session so switching states never
 * re-creates it; it is only SHOWN when a stage with live video runs (never a black rectangle).
 */
import { html, nothing } from 'lit';
import { CallState } from '../fsm/index.ts';
import { micMeter, renderGate } from '../gate/gate-view.ts';
import { renderIntermission } from '../intermission/intermission-overlay.ts';
import { renderQuality } from '../quality/quality-view.ts';
import { clock, secondsLeft } from './format.ts';
import { renderSafetyButtons, renderSafetyDialog } from './safety-view.ts';
import { type CallViewModel, peerName } from './view-model.ts';

const hasLiveVideo = (stream: MediaStream | null) => stream?.getVideoTracks().some((track) => track.readyState === 'live') ?? false;

function statusLine(vm: CallViewModel) {
  const { state } = vm.snapshot;
  if (state === CallState.CONNECTING) return html`<p class="status">${vm.t('ui.waitingForPeer', { name: peerName(vm) })}</p>`;
  return nothing;
}

/** The peer's microphone as they set it (relayed by the server), said while a stage runs. */
function peerMic(vm: CallViewModel) {
  const { state } = vm.snapshot;
  const running = state === CallState.STAGE_ACTIVE || state === CallState.RECONNECTING;
  return html`<p part="peer-state" class="status" role="status">
    ${running && !vm.peerSending.audio ? vm.t('ui.peerMuted', { name: peerName(vm) }) : nothing}
  </p>`;
}

function remoteArea(vm: CallViewModel) {
  const { state, context } = vm.snapshot;
  const running = state === CallState.STAGE_ACTIVE || state === CallState.RECONNECTING;
  const showVideo = running && context.media === 'video' && vm.peerSending.video && hasLiveVideo(vm.remote);
  const placeholder =
    context.media === 'video' && running && !vm.peerSending.video
      ? vm.t('ui.cameraIsOff', { name: peerName(vm) })
      : vm.t('ui.voiceOnly', { name: peerName(vm) });
  return html`<video
      part="remote-video"
      class="remote"
      autoplay
      playsinline
      ?hidden=${!showVideo}
      .srcObject=${vm.remote}
      aria-label=${vm.t('ui.remoteVideo', { name: peerName(vm) })}
    ></video>
    ${showVideo ? nothing : peerCard(vm, placeholder)}`;
}

/** Above this level (0..1) the other person counts as speaking: Chromium's silence sits near 0.01. */
const SPEAKING = 0.06;

/** Who you are talking to when there is no video: their initial, with a ring while they speak, and their name. */
function peerCard(vm: CallViewModel, label: string) {
  return html`<div class="placeholder" part="peer-card">
    <span class="avatar" part="peer-avatar" aria-hidden="true" ?data-speaking=${vm.peerLevel > SPEAKING}>
      ${peerName(vm).slice(0, 1).toUpperCase()}
    </span>
    <span>${label}</span>
  </div>`;
}

function controls(vm: CallViewModel) {
  const { state, context } = vm.snapshot;
  const live = state === CallState.STAGE_ACTIVE || state === CallState.CONNECTING || state === CallState.RECONNECTING;
  return html`<div part="controls" class="row controls">
    ${live ? html`<button @click=${() => vm.act.toggle('audio')}>${vm.t(vm.sending.audio ? 'ui.mute' : 'ui.unmute')}</button>` : nothing}
    ${
      live && context.media === 'video'
        ? html`<button @click=${() => vm.act.toggle('video')}>
          ${vm.t(vm.sending.video ? 'ui.cameraOff' : 'ui.cameraOn')}
        </button>`
        : nothing
    }
    ${state === CallState.INTERMISSION ? nothing : renderSafetyButtons(vm)}
    <button class="danger" @click=${vm.act.hangUp}>${vm.t('ui.hangUp')}</button>
  </div>`;
}

export function renderStage(vm: CallViewModel) {
  const { state, context } = vm.snapshot;
  const showLocal = context.media === 'video' && vm.local && state !== CallState.CHECKING_DEVICES && state !== CallState.NEXT_STAGE;
  return html`<section part="stage" class="stage" aria-labelledby="stage-title">
    <header class="row">
      <h2 id="stage-title">
        ${context.stage > 0 ? vm.t('ui.stageOf', { stage: context.stage, stages: context.stages }) : peerName(vm)}
      </h2>
      ${
        state === CallState.STAGE_ACTIVE && context.endsAt
          ? html`<span part="timer" role="timer" aria-label=${vm.t('ui.timeLeft')}>
            ${clock(secondsLeft(context.endsAt, vm.now))}
          </span>`
          : nothing
      }
    </header>
    ${renderQuality(vm)}
    ${state === CallState.RECONNECTING ? html`<p part="reconnecting" class="banner" role="status">${vm.t('ui.reconnecting')}</p>` : nothing}
    <div part="video-area" class="video-area">
      ${remoteArea(vm)}
      ${
        showLocal
          ? html`<video part="local-video" class="local" autoplay muted .muted=${true} playsinline .srcObject=${vm.local}
            aria-label=${vm.t('ui.yourPreview')}></video>`
          : nothing
      }
      ${renderGate(vm)} ${renderIntermission(vm)}
    </div>
    ${statusLine(vm)} ${peerMic(vm)} ${state === CallState.STAGE_ACTIVE && vm.local ? micMeter(vm) : nothing} ${controls(vm)}
    ${renderSafetyDialog(vm)}
  </section>`;
}
