/**
 * The ringing prompt never steals focus (a person typing in a form must never answer a call by
 * pressing Space or Enter): it is announced (alertdialog + the aria-live region) and reached with
 * ONE key, F2, from anywhere on the page. Only then does focus move to Accept; Escape or leaving
 * RINGING puts focus back where it was. F2 has no default action in browsers and types no text.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { deepActive } from '../ui/focus-return.ts';

export const RING_KEY = 'F2';

export class RingKeys implements ReactiveController {
  #returnTo: HTMLElement | null = null;
  #listening = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly ringing: () => boolean,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const ringing = this.ringing();
    if (ringing && !this.#listening) document.addEventListener('keydown', this.#onKey, true);
    if (!ringing && this.#listening) {
      document.removeEventListener('keydown', this.#onKey, true);
      this.#giveBack();
    }
    this.#listening = ringing;
  }

  hostDisconnected(): void {
    document.removeEventListener('keydown', this.#onKey, true);
    this.#listening = false;
  }

  #onKey = (event: KeyboardEvent): void => {
    const inside = this.host.shadowRoot?.contains(deepActive()) ?? false;
    if (event.key === RING_KEY && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      if (!inside) this.#returnTo = deepActive();
      this.host.shadowRoot?.querySelector<HTMLElement>('[part=ringing] button')?.focus();
    } else if (event.key === 'Escape' && inside) {
      this.#giveBack();
    }
  };

  #giveBack(): void {
    const target = this.#returnTo;
    this.#returnTo = null;
    if (target?.isConnected) target.focus();
  }
}
