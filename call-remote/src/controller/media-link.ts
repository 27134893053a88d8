/**
 * The media engine's link state as an FSM event. Only a loss and a recovery are events: a link
 * that is still `connecting` (every stage's first negotiation) is progress, and reporting it as
 * MEDIA_LOST flipped a starting stage to RECONNECTING for a few hundred ms on every call.
 */
import type { CallEvent } from '../fsm/index.ts';
import type { MediaLinkState } from '../media/media-engine.ts';

export function linkEvent(state: MediaLinkState): CallEvent | null {
  switch (state) {
    case 'connected':
      return { type: 'MEDIA_CONNECTED' };
    case 'lost':
    case 'failed':
      return { type: 'MEDIA_LOST' };
    case 'unreachable':
      return { type: 'MEDIA_FAILED' };
    case 'connecting':
      return null;
  }
}

/** A link listener that feeds `dispatch` the event each state means, if any. */
export const dispatchLink =
  (dispatch: (event: CallEvent) => void) =>
  (state: MediaLinkState): void => {
    const event = linkEvent(state);
    if (event) dispatch(event);
  };
