/** `flint-call-ended`: a session is over; the host routes on it (staged → that chat, live → /live). */
import type { EndReason, SessionKind } from '@flint/shared';

export interface FlintCallEndedDetail {
  sessionId: string;
  kind: SessionKind;
  reason: EndReason;
  conversationId: string | null;
}

/** Fired exactly once per session (the FSM guarantees it). Read it as every CustomEvent: `event.detail`. */
export class FlintCallEndedEvent extends CustomEvent<Readonly<FlintCallEndedDetail>> {
  static readonly type = 'flint-call-ended';

  constructor(detail: FlintCallEndedDetail) {
    super(FlintCallEndedEvent.type, { bubbles: true, composed: true, detail: Object.freeze({ ...detail }) });
  }
}

// Bubbling and composed, it reaches the document and the window too.
declare global {
  interface HTMLElementEventMap {
    'flint-call-ended': FlintCallEndedEvent;
  }
  interface DocumentEventMap {
    'flint-call-ended': FlintCallEndedEvent;
  }
  interface WindowEventMap {
    'flint-call-ended': FlintCallEndedEvent;
  }
}
