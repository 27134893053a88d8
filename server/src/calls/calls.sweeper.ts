/**
 * What runs without a request. The database is the timer: every node polls for due deadlines (each
 * session locked with FOR UPDATE SKIP LOCKED, so two nodes never run one twice) and a local timer
 * per armed deadline is only the fast path to the exact moment. A restarted or second node needs
 * nothing from memory to carry on. A slower loop checks that participants the database calls
 * connected still have a socket somewhere (a crashed node never reported their disconnect).
 */
import type { Db } from '../db/index.ts';
import type { Logger } from '../logger.ts';
import { createLoops } from '../loops.ts';
import * as repo from './calls.repository.ts';
import type { CallsService } from './calls.service.ts';

export interface SweeperOptions {
  db: Db;
  /** Poll period for due deadlines. */
  pollMs: number;
  /** Period of the presence check; its first run waits one period so reconnecting clients come back first. */
  presenceMs: number;
  logger: Logger;
}

export interface Sweeper {
  start(service: Pick<CallsService, 'runDeadlines' | 'checkGone'>): void;
  /** Fast path: run this session's deadlines at `at` (ms epoch). */
  arm(sessionId: string, at: number): void;
  /** Stops timers and waits for the work in flight (before the database closes). */
  stop(): Promise<void>;
}

/** Sessions swept per poll: bounds one run's work; the next poll takes the rest. */
const SWEEP_BATCH = 50;

export function createSweeper({ db, pollMs, presenceMs, logger }: SweeperOptions): Sweeper {
  const loops = createLoops(logger);
  let service: Parameters<Sweeper['start']>[0] | null = null;
  return {
    start(s) {
      service = s;
      // Every session with a due deadline, whichever node armed it.
      loops.every('call poll', pollMs, async () => {
        const due = await repo.dueDeadlines(db.orm, Date.now(), SWEEP_BATCH);
        for (const sessionId of new Set(due.map((d) => d.sessionId))) {
          await s.runDeadlines(sessionId).catch((err: unknown) => logger.error({ err, sessionId }, 'call deadline failed'));
        }
      });
      // Zombies: participants the database believes connected but who have no socket anywhere.
      loops.every('call presence', presenceMs, async () => {
        for (const { userId } of await repo.connectedLiveParticipants(db.orm)) await s.checkGone(userId);
      });
    },
    arm(sessionId, at) {
      const s = service;
      // A few ms late on purpose: the deadline must be due (`<= now`) when the timer runs.
      if (s) loops.once('call deadline', Math.max(0, at - Date.now()) + 5, () => s.runDeadlines(sessionId));
    },
    stop: () => loops.stop(),
  };
}
