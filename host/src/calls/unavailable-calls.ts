/**
 * While `<flint-call>` cannot be loaded, a call still reaches the person: an invite becomes a toast
 * ("Ava is calling — calls are unavailable right now"), and the caller is told (`call:unavailable`),
 * while the invite keeps ringing the person's other tabs and devices. Call `use(realtime, status)`
 * from the shell's `willUpdate`.
 */
import type { CallInvite } from '@flint/shared';
import { answerInvitesWhileUnavailable, type LoadStatus } from '@flint/shared/federation';
import type { ReactiveControllerHost } from 'lit';
import { ConnectedController } from '../app/connected-controller.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/strings.ts';
import type { RealtimeStore } from '../session/context.ts';
import { showLocalToast } from '../toasts/local-toasts.ts';

export class UnavailableCallsController extends ConnectedController {
  #rt: RealtimeStore | null = null;
  #unavailable = false;
  #stop: (() => void) | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly locale: () => Locale,
  ) {
    super();
    host.addController(this);
  }

  use(rt: RealtimeStore | null, calls: LoadStatus): void {
    if (rt === this.#rt && (calls === 'unavailable') === this.#unavailable) return;
    this.#rt = rt;
    this.#unavailable = calls === 'unavailable';
    this.restart();
  }

  protected restart(): void {
    this.#stop?.();
    const rt = this.#rt;
    this.#stop = this.connected && rt && this.#unavailable ? answerInvitesWhileUnavailable(rt, (invite) => this.#toast(invite)) : null;
  }

  #toast(invite: CallInvite): void {
    const name = invite.from.displayName;
    showLocalToast({
      kind: 'system',
      title: t(this.locale(), 'calls.incomingUnavailable', { name }),
      body: t(this.locale(), 'calls.incomingUnavailableBody', { name }),
    });
  }
}
