/** What every part of the call UI renders from, and the intents it can raise. */
import type { CallController } from '../controller/call-controller.ts';
import type { CallSnapshot } from '../fsm/index.ts';
import type { Translate } from '../i18n/index.ts';
import type { QualityView } from '../quality/quality-monitor.ts';
import type { SafetyController } from './safety-actions.ts';

export interface CallActions {
  accept(): void;
  decline(): void;
  hangUp(): void;
  vote(proceed: boolean): void;
  retryDevices(): void;
  dismiss(): void;
  toggle(kind: 'audio' | 'video'): void;
}

export interface CallViewModel {
  snapshot: CallSnapshot;
  t: Translate;
  /** The clock's now, for countdowns. */
  now: number;
  local: MediaStream | null;
  remote: MediaStream | null;
  /** What this side sends (mute / camera off). */
  sending: { audio: boolean; video: boolean };
  /** What the peer sends, as relayed by the server. */
  peerSending: { audio: boolean; video: boolean };
  /** Microphone level 0..1 of the local stream. */
  level: number;
  /** Audio level 0..1 of the other person's stream (the voice stage's speaking ring). */
  peerLevel: number;
  act: CallActions;
  /** The server no longer speaks this page's protocol: only a reload helps. */
  outdated: boolean;
  /** Another tab or device of this person runs a call: this tab only says so. */
  elsewhere: boolean;
  /** The ringtone while RINGING: `blocked` when the browser holds it back until a click or key. */
  sound?: 'off' | 'playing' | 'blocked';
  /** Both sides' connection quality while a stage runs (quality/); absent before the controller connects. */
  quality?: QualityView;
  /** Report and Block; absent where they are not offered (a view rendered on its own). */
  safety?: SafetyController;
}

/** The peer's display name, or a neutral phrase before the server has told us who it is. */
export const peerName = (vm: CallViewModel): string => vm.snapshot.context.peer?.displayName ?? vm.t('ui.theOtherPerson');

/** The view model of one render: the element's parts plus the controller's media (none before it connects). */
export function viewModelOf(
  call: CallController | null,
  parts: Pick<CallViewModel, 'snapshot' | 't' | 'now' | 'level' | 'peerLevel' | 'act' | 'safety' | 'sound'>,
): CallViewModel {
  const media = call?.media;
  return {
    ...parts,
    local: media?.local ?? null,
    remote: media?.remote ?? null,
    sending: { audio: true, video: true, ...media?.sending },
    peerSending: call?.peerSending ?? { audio: true, video: true },
    outdated: call?.outdated ?? false,
    elsewhere: (call?.tabs.elsewhere ?? null) !== null,
    quality: call?.quality.view,
  };
}
