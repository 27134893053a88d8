/**
 * The FSM's named timers on the injected clock. `gate` is a real deadline (it fires an event);
 * the others are server deadlines the UI counts down, so they only tick the view once a second.
 */
import type { TimerName } from '../fsm/index.ts';
import type { Clock } from './ports.ts';

export class Timers {
  #handles = new Map<TimerName, unknown>();

  constructor(private readonly clock: Clock) {}

  /** Fires `fire` once after `ms`. */
  after(name: TimerName, ms: number, fire: () => void): void {
    this.clear(name);
    this.#handles.set(
      name,
      this.clock.setTimeout(
        () => {
          this.#handles.delete(name);
          fire();
        },
        Math.max(0, ms),
      ),
    );
  }

  /** Calls `tick` on every whole second until the ISO deadline `at` (and once when it passes). */
  countdown(name: TimerName, at: string, tick: () => void): void {
    const deadline = Date.parse(at);
    const next = () => {
      const left = deadline - this.clock.now();
      if (left <= 0) return this.after(name, 0, tick);
      this.after(name, left % 1000 || 1000, () => {
        tick();
        next();
      });
    };
    next();
  }

  clear(name: TimerName): void {
    const handle = this.#handles.get(name);
    if (handle !== undefined) this.clock.clearTimeout(handle);
    this.#handles.delete(name);
  }

  clearAll(): void {
    for (const name of [...this.#handles.keys()]) this.clear(name);
  }
}
