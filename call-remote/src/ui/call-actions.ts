/** The intents the call UI raises, bound to the element's public API and its controller. */
import type { CallController } from '../controller/call-controller.ts';
import type { CallActions } from './view-model.ts';

/** The public methods of `<flint-call>` the UI's buttons call. */
interface PublicCall {
  accept(): void;
  decline(): void;
  hangUp(): void;
  vote(proceed: boolean): void;
}

export function callActions(element: PublicCall, controller: () => CallController | null): CallActions {
  return {
    accept: () => element.accept(),
    decline: () => element.decline(),
    hangUp: () => element.hangUp(),
    vote: (proceed) => element.vote(proceed),
    retryDevices: () => controller()?.dispatch({ type: 'RETRY_DEVICES' }),
    dismiss: () => controller()?.dispatch({ type: 'DISMISS' }),
    toggle: (kind) => {
      const call = controller();
      call?.setSending(kind, !call.media.sending[kind]);
    },
  };
}
