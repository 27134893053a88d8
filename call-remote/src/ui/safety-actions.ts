/**
 * Safety inside any call: "Report" (a reason, up to 500 characters) and "Block" (after a confirm).
 * Either ends the session at once for both: the server sends both the same `call:ended` (reason
 * `reported`), so the other person's summary stays neutral; only this side, which remembers that it
 * acted, says "Report sent" or "Blocked".
 *
 * The dialogs are native modal `<dialog>`s: top layer over the call surface, the rest inert, Escape
 * cancels; focus goes to the dialog's `autofocus` control on open and back to the opener on close.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RealtimePort } from '../controller/ports.ts';

export type SafetyKind = 'report' | 'block';

export class SafetyController implements ReactiveController {
  /** The open dialog and the session it was opened in (a dialog never outlives its session). */
  #open: { kind: SafetyKind; sessionId: string } | null = null;
  reason = '';
  sending = false;
  /** What to tell the user in the open dialog (a translation key), or null. */
  problem: 'safety.reasonRequired' | 'safety.failed' | null = null;
  /** The session this side reported or blocked: its summary says so. */
  acted: { kind: SafetyKind; sessionId: string } | null = null;
  #opener: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly port: () => RealtimePort | null,
    private readonly sessionId: () => string | null,
  ) {
    host.addController(this);
  }

  /** The dialog to show now: none once its session is over or replaced. */
  get dialog(): SafetyKind | null {
    return this.#open && this.#open.sessionId === this.sessionId() ? this.#open.kind : null;
  }

  /** What this side did in `sessionId`, if anything. */
  actedIn(sessionId: string | null): SafetyKind | null {
    return sessionId && this.acted?.sessionId === sessionId ? this.acted.kind : null;
  }

  open(kind: SafetyKind, opener: EventTarget | null): void {
    const sessionId = this.sessionId();
    if (!sessionId) return;
    this.#opener = opener instanceof HTMLElement ? opener : null;
    this.#open = { kind, sessionId };
    this.reason = '';
    this.problem = null;
    this.host.requestUpdate();
  }

  cancel(): void {
    this.#open = null;
    this.host.requestUpdate();
  }

  async send(): Promise<void> {
    const port = this.port();
    const open = this.#open;
    if (!port || !open || this.sending) return;
    const reason = this.reason.trim();
    if (open.kind === 'report' && !reason) return this.#show('safety.reasonRequired');
    // Before the request: the server's call:ended (which opens the summary) arrives before its ack.
    this.acted = open;
    this.sending = true;
    this.host.requestUpdate();
    const ack =
      open.kind === 'report'
        ? await port.request('call:report', { sessionId: open.sessionId, reason })
        : await port.request('call:block', { sessionId: open.sessionId });
    this.sending = false;
    if (ack.ok) return this.cancel();
    this.acted = null;
    this.#show('safety.failed');
  }

  hostUpdated(): void {
    const dialog = this.host.shadowRoot?.querySelector<HTMLDialogElement>('dialog[data-safety]');
    if (dialog && !dialog.open) dialog.showModal();
    if (!dialog && this.#opener) {
      const opener = this.#opener;
      this.#opener = null;
      if (opener.isConnected) opener.focus();
    }
  }

  #show(problem: NonNullable<SafetyController['problem']>): void {
    this.problem = problem;
    this.host.requestUpdate();
  }
}
