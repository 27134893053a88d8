/** Fired by the chat page; the shell turns it into `<flint-call>.startSession(matchId, 'staged')`. */
export interface StartCallDetail {
  matchId: string;
  conversationId: string;
}

export class FlintStartCallEvent extends CustomEvent<StartCallDetail> {
  static readonly type = 'flint-start-call';

  constructor(detail: StartCallDetail) {
    super(FlintStartCallEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'flint-start-call': FlintStartCallEvent;
  }
}
