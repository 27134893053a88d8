/**
 * Runs persisted call deadlines. The database is the timer: every node polls for due deadlines
 * (each session locked with FOR UPDATE SKIP LOCKED, so two nodes never run one twice) and a local
 * setTimeout per armed deadline is only the fast path to the exact moment. A restarted or second node
 * needs nothing from memory to carry on. A slower loop checks that participants the database calls
 * connected still have a socket somewhere (a crashed node never reported their disconnect).
 */
import type { Logger } from '../logger.ts';
import { createLoops } from '../loops.ts';
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
  const loops = createLoops(logger);
  let service: CallsService | null = null;
  return {
    start(s) {
      service = s;
      loops.every('call poll', pollMs, () => s.sweepDue());
      loops.every('call presence', presenceMs, () => s.checkPresence());
    },
    arm(sessionId, at) {
      const s = service;
      // A few ms late on purpose: the deadline must be due (`<= now`) when the timer runs.
      if (s) loops.once('call deadline', Math.max(0, at - Date.now()) + 5, () => s.runDeadlines(sessionId));
    },
    stop: () => loops.stop(),
  };
}
