/**
 * A module's background work on every node (the queue's sweeps, the calls' deadline sweeper):
 * periodic loops that never overlap themselves (a slow database must not stack sweeps), one-off
 * timers, and the work in flight awaited by `stop()` before the database closes. A failed run is
 * logged as `<name> failed`; it never stops its loop.
 */
import type { Logger } from './logger.ts';

export interface Loops {
  /** Runs `work` every `ms`, the first time one period from now; a run still going skips the tick. */
  every(name: string, ms: number, work: () => Promise<unknown>): void;
  /** Runs `work` once, `ms` from now. */
  once(name: string, ms: number, work: () => Promise<unknown>): void;
  /** Stops the timers and waits for the runs in flight; nothing runs after it. */
  stop(): Promise<void>;
}

export function createLoops(logger: Logger): Loops {
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  const run = (name: string, work: () => Promise<unknown>): Promise<void> => {
    const running = work()
      .then(
        () => undefined,
        (err: unknown) => logger.error({ err }, `${name} failed`),
      )
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
    return running;
  };

  return {
    every(name, ms, work) {
      let busy = false;
      const timer = setInterval(() => {
        if (busy || stopped) return;
        busy = true;
        void run(name, work).finally(() => {
          busy = false;
        });
      }, ms);
      timer.unref();
      timers.add(timer);
    },
    once(name, ms, work) {
      if (stopped) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopped) void run(name, work);
      }, ms);
      timer.unref();
      timers.add(timer);
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.all(inFlight);
    },
  };
}
