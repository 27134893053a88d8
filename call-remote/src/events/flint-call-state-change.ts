/** `flint-call-state-change`: the call moved to another public state, stage or session. */
import type { CallState } from '../fsm/index.ts';

export interface FlintCallStateChangeDetail {
  state: CallState;
  stage: number;
  sessionId: string | null;
}

/** Read it as every CustomEvent: `event.detail` (the element's `state` and `stage` already match it). */
export class FlintCallStateChangeEvent extends CustomEvent<Readonly<FlintCallStateChangeDetail>> {
  static readonly type = 'flint-call-state-change';

  constructor(detail: FlintCallStateChangeDetail) {
    super(FlintCallStateChangeEvent.type, { bubbles: true, composed: true, detail: Object.freeze({ ...detail }) });
  }
}

// Bubbling and composed, it reaches the document and the window too.
declare global {
  interface HTMLElementEventMap {
    'flint-call-state-change': FlintCallStateChangeEvent;
  }
  interface DocumentEventMap {
    'flint-call-state-change': FlintCallStateChangeEvent;
  }
  interface WindowEventMap {
    'flint-call-state-change': FlintCallStateChangeEvent;
  }
}
