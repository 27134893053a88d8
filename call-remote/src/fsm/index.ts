/** The call FSM's public surface, for the controller and the element. */

export type { CallSnapshot } from './context.ts';
export { initialSnapshot } from './context.ts';
export type { AnnounceKey, CallEffect, SendEffect, TimerName } from './effects.ts';
export type { CallEvent } from './events.ts';
export { CallState } from './states.ts';
export { transition } from './transition.ts';
