/** Test support: plays a sequence of events and collects what happened. */
import { type CallSnapshot, initialSnapshot } from './context.ts';
import type { CallEffect } from './effects.ts';
import type { CallEvent } from './events.ts';
import { transition } from './transition.ts';

/** Plays events in order, collecting every state visited and every effect produced. */
export function play(events: readonly CallEvent[], from: CallSnapshot = initialSnapshot) {
  let snap = from;
  const states: string[] = [];
  const effects: CallEffect[] = [];
  const ignored: string[] = [];
  for (const event of events) {
    const r = transition(snap, event);
    if (r.ignored) ignored.push(event.type);
    else if (r.state !== snap.state) states.push(r.state);
    effects.push(...r.effects);
    snap = { state: r.state, context: r.context };
  }
  const sent = effects.flatMap((e) => (e.type === 'send' ? [e] : []));
  const endedEffects = effects.filter((e) => e.type === 'emitEnded');
  return { snap, states, effects, ignored, sent, endedEffects };
}
