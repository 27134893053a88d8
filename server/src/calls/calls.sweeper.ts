/**
 * Runs persisted call deadlines. The database is the timer: every node polls for due deadlines
 * (each session locked with FOR UPDATE SKIP LOCKED, so two nodes never run one twice) and a local
 * setTimeout per armed deadline is only the fast path to the exact moment. A restarted or second node
 * needs nothing from memory to carry on. A slower loop checks that participants the database calls
 * connected still have a socket somewhere (a crashed node never reported their disconnect).
 */
import type { Logger } from '../logger.ts';
import type { CallsService } from './calls.service.ts';

export interface SweeperOptions {
  /** Poll period for due deadlines. */
  pollMs: number;
  /** Period of the presence check; its first run waits one period so reconnecting clients come back first. */
  presenceMs: number;
  logger: Logger;
}

export interface Sweeper {
  start(service: CallsService): void;
  /** Fast path: run this session's deadlines at `at` (ms epoch). */
  arm(sessionId: string, at: number): void;
  /** Stops timers and waits for the work in flight (before the database closes). */
  stop(): Promise<void>;
}

export function createSweeper({ pollMs, presenceMs, logger }: SweeperOptions): Sweeper {
  let service: CallsService | null = null;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const busy = { poll: false, presence: false };

  const track = (work: () => Promise<void>, what: string) => {
    const p = work()
      .catch((err: unknown) => logger.error({ err }, `call ${what} failed`))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  // One run of each loop at a time: a slow database must not stack sweeps.
  const loop = (name: keyof typeof busy, work: (s: CallsService) => Promise<void>) => () => {
    if (!service || busy[name]) return;
    busy[name] = true;
    const s = service;
    track(() => work(s).finally(() => (busy[name] = false)), name);
  };
  const every = (ms: number, fn: () => void) => {
    const t = setInterval(fn, ms);
    t.unref();
    timers.add(t);
  };

  return {
    start(s) {
      service = s;
      every(
        pollMs,
        loop('poll', (svc) => svc.sweepDue()),
      );
      every(
        presenceMs,
        loop('presence', (svc) => svc.checkPresence()),
      );
    },
    arm(sessionId, at) {
      if (!service) return;
      const s = service;
      // A few ms late on purpose: the deadline must be due (`<= now`) when the timer runs.
      const t = setTimeout(
        () => {
          timers.delete(t);
          track(() => s.runDeadlines(sessionId), 'deadline');
        },
        Math.max(0, at - Date.now()) + 5,
      );
      t.unref();
      timers.add(t);
    },
    async stop() {
      service = null;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.all(inFlight);
    },
  };
}
