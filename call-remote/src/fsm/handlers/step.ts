/** The shape every handler returns, and the small helpers handlers share. */
import type { CallContext } from '../context.ts';
import type { CallEffect } from '../effects.ts';
import type { CallEventType, EventOf } from '../events.ts';
import type { CallState } from '../states.ts';

export interface Step {
  state: CallState;
  context: CallContext;
  effects: CallEffect[];
}

/** A handler answers `null` when a guard rejects the event: the move is then ignored. */
export type Handler<T extends CallEventType> = (ctx: CallContext, event: EventOf<T>) => Step | null;

/** One row of the table: the events a state accepts. Anything absent is forbidden there. */
export type StateHandlers = { [T in CallEventType]?: Handler<T> };

export const step = (state: CallState, context: CallContext, ...effects: CallEffect[]): Step => ({
  state,
  context,
  effects,
});

/**
 * The current session's id. Session states are only ever entered with one (the property test
 * checks it), so the cast documents an invariant rather than hiding a null.
 */
export const sid = (ctx: CallContext): string => ctx.sessionId as string;

export const announce = (key: Extract<CallEffect, { type: 'announce' }>['key'], params?: Record<string, string | number>): CallEffect =>
  params ? { type: 'announce', key, params } : { type: 'announce', key };
