/**
 * The queue's background work on every node: periodic loops that never overlap themselves (a slow
 * database must not stack sweeps) and whose work in flight is awaited before the database closes.
 */
import type { Logger } from '../logger.ts';

export interface Loops {
  every(name: string, ms: number, work: () => Promise<unknown>): void;
  /** Stops the timers and waits for the runs in flight. */
  stop(): Promise<void>;
}

export function createLoops(logger: Logger): Loops {
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  return {
    every(name, ms, work) {
      let busy = false;
      const timer = setInterval(() => {
        if (busy || stopped) return;
        busy = true;
        const run = work()
          .then(
            () => undefined,
            (err: unknown) => logger.error({ err }, `queue ${name} failed`),
          )
          .finally(() => {
            busy = false;
            inFlight.delete(run);
          });
        inFlight.add(run);
      }, ms);
      timer.unref();
      timers.push(timer);
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.all(inFlight);
    },
  };
}
