/** The DOM events of `<flint-call>`, typed on `HTMLElementEventMap`: the one place hosts import them from. */
export { type FlintCallEndedDetail, FlintCallEndedEvent } from './flint-call-ended.ts';
export { type FlintCallStateChangeDetail, FlintCallStateChangeEvent } from './flint-call-state-change.ts';
