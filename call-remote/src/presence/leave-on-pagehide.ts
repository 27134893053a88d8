/**
 * Leaving is visible: when the page running this side of a call goes away (the tab closes, the
 * person navigates off), `pagehide` sends `call:leaving`, so the other person hears "Ben left" at
 * once and the server shrinks the reconnect grace to FLINT_LEAVE_GRACE_S (a reload within it still
 * resumes). Why a socket message and not `navigator.sendBeacon`: docs/decisions.md, "Leaving is
 * visible".
 */
import { ClientEvent } from '@flint/shared';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RealtimePort } from '../controller/ports.ts';
import { type CallSnapshot, CallState } from '../fsm/index.ts';

/** States in which this tab runs the call (a tab that only watches another's call is IDLE to its FSM). */
const RUNNING: ReadonlySet<CallState> = new Set([
  CallState.DIALING,
  CallState.CHECKING_DEVICES,
  CallState.CONNECTING,
  CallState.STAGE_ACTIVE,
  CallState.RECONNECTING,
  CallState.INTERMISSION,
  CallState.NEXT_STAGE,
]);

export class LeaveOnPagehide implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly snapshot: () => CallSnapshot,
    private readonly realtime: () => RealtimePort | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.#hide);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#hide);
  }

  #hide = (event: PageTransitionEvent): void => {
    // A page kept in the back/forward cache may come back as it was: its socket tells the truth then.
    if (event.persisted) return;
    const { state, context } = this.snapshot();
    if (!context.sessionId || !RUNNING.has(state)) return;
    // Written to the open socket synchronously, before the page is torn down (no ack awaited).
    void this.realtime()?.request(ClientEvent.CALL_LEAVING, { sessionId: context.sessionId });
  };
}
