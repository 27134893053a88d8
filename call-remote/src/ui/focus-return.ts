/**
 * Dialog focus (STYLE.md "Dialogs"): when a dialog opens, focus moves to its `[data-autofocus]`
 * control; when the last dialog closes, focus goes back where it was before the first one opened.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The focused element, looking through open shadow roots (the host app is made of them). */
export function deepActive(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

export class FocusReturn implements ReactiveController {
  #key: string | null = null;
  #returnTo: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Which dialog is open now (a new key = a new dialog), or null. */
    private readonly dialogKey: () => string | null,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const key = this.dialogKey();
    if (key === this.#key) return;
    const opened = this.#key === null;
    this.#key = key;
    if (key !== null) {
      if (opened) this.#returnTo = deepActive();
      this.host.shadowRoot?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    } else {
      const target = this.#returnTo;
      this.#returnTo = null;
      if (target?.isConnected) target.focus();
    }
  }
}
