/** `flint-call-state-change`: the call moved to another public state, stage or session. */
import type { CallState } from '../fsm/index.ts';

export interface FlintCallStateChangeDetail {
  state: CallState;
  stage: number;
  sessionId: string | null;
}

/**
 * Readonly fields on the event itself, and the same object as `detail` for listeners that read
 * CustomEvent-style (the host accepts both).
 */
export class FlintCallStateChangeEvent extends Event {
  static readonly type = 'flint-call-state-change';
  readonly state: CallState;
  readonly stage: number;
  readonly sessionId: string | null;
  readonly detail: FlintCallStateChangeDetail;

  constructor(detail: FlintCallStateChangeDetail) {
    super(FlintCallStateChangeEvent.type, { bubbles: true, composed: true });
    this.state = detail.state;
    this.stage = detail.stage;
    this.sessionId = detail.sessionId;
    this.detail = { ...detail };
  }
}

declare global {
  interface HTMLElementEventMap {
    'flint-call-state-change': FlintCallStateChangeEvent;
  }
}
