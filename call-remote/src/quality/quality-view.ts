/**
 * The connection quality of both sides during a stage, as words and a coloured dot (never colour
 * alone), and a live region that speaks only when a side turns poor or lost. Parts: `quality`
 * (the whole), and on each side's level `quality-level` plus `quality-good` / `quality-fair` /
 * `quality-poor` / `quality-lost`, so a host can theme each level with `::part()`.
 */
import type { QualityLevel } from '@flint/shared';
import { html, nothing } from 'lit';
import { CallState } from '../fsm/index.ts';
import type { StringKey } from '../i18n/index.ts';
import { type CallViewModel, peerName } from '../ui/view-model.ts';

/** Whether we know the other person's name (a sentence cannot start with "the other person"). */
const named = (vm: CallViewModel) => vm.snapshot.context.peer !== null;
const levelText = (vm: CallViewModel, level: QualityLevel | null) => vm.t(level ? (`quality.${level}` as StringKey) : 'quality.measuring');

function side(vm: CallViewModel, who: 'mine' | 'peer', level: QualityLevel | null) {
  const label = who === 'mine' ? vm.t('quality.mine') : vm.t(named(vm) ? 'quality.peer' : 'quality.them', { name: peerName(vm) });
  return html`<li data-side=${who} data-level=${level ?? 'unknown'}>
    ${label}: <span part="quality-level quality-${level ?? 'unknown'}" class="level"><span class="dot" aria-hidden="true"></span>${levelText(vm, level)}</span>
  </li>`;
}

function alertText(vm: CallViewModel): string {
  const alert = vm.quality?.alert;
  if (!alert) return '';
  const who = alert.who === 'peer' && !named(vm) ? 'them' : alert.who;
  return vm.t(`quality.alert.${who}.${alert.level}` as StringKey, { name: peerName(vm) });
}

export function renderQuality(vm: CallViewModel) {
  const q = vm.quality;
  if (vm.snapshot.state !== CallState.STAGE_ACTIVE || !q) return nothing;
  return html`<div part="quality" class="quality">
    <ul aria-label=${vm.t('quality.title')}>${side(vm, 'mine', q.mine)} ${side(vm, 'peer', q.peer)}</ul>
    ${q.step > 0 ? html`<p class="muted">${vm.t('quality.videoLowered')}</p>` : nothing}
    <p class="sr-only" role="status" aria-live="polite">${alertText(vm)}</p>
  </div>`;
}
