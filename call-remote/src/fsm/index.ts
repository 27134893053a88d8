/** The call FSM's public surface, for the controller and the element. */

export type { CallContext, CallSnapshot, LostLinks } from './context.ts';
export { initialContext, initialSnapshot } from './context.ts';
export type { AnnounceKey, CallEffect, SendEffect, TimerName } from './effects.ts';
export { GATE_TIMEOUT_MS } from './effects.ts';
export type { CallEvent, CallEventType } from './events.ts';
export { CALL_STATES, CallState } from './states.ts';
export type { TransitionResult } from './transition.ts';
export { can, transition } from './transition.ts';
