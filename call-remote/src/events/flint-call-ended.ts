/** `flint-call-ended`: a session is over; the host routes on it (staged → that chat, live → /live). */
import type { EndReason, SessionKind } from '@flint/shared';

export interface FlintCallEndedDetail {
  sessionId: string;
  kind: SessionKind;
  reason: EndReason;
  conversationId: string | null;
}

/** Fired exactly once per session (the FSM guarantees it); readonly fields, also as `detail`. */
export class FlintCallEndedEvent extends Event {
  static readonly type = 'flint-call-ended';
  readonly sessionId: string;
  readonly kind: SessionKind;
  readonly reason: EndReason;
  readonly conversationId: string | null;
  readonly detail: FlintCallEndedDetail;

  constructor(detail: FlintCallEndedDetail) {
    super(FlintCallEndedEvent.type, { bubbles: true, composed: true });
    this.sessionId = detail.sessionId;
    this.kind = detail.kind;
    this.reason = detail.reason;
    this.conversationId = detail.conversationId;
    this.detail = { ...detail };
  }
}

declare global {
  interface HTMLElementEventMap {
    'flint-call-ended': FlintCallEndedEvent;
  }
}
