/**
 * Group commit for chat sends: sends that arrive while a batch is being stored wait and go together
 * in the next one, as ONE statement (chat.send-statement.ts), so N concurrent sends cost one round
 * trip and one commit instead of N × four. Nothing waits on a timer: an idle batcher stores a send
 * at once; under load a batch holds what came in during the previous one (at most `maxBatch`).
 * Each send resolves only after the statement that stored it has committed, so an ack is durable.
 *
 * Failure stays with its own send: a batch that fails for a reason that is not a race (a retry's
 * duplicate clientId, a deadlock, a serialization failure: run again) is split and every send
 * retried alone, so one bad row fails one send. Between batches the event loop gets a turn
 * (setImmediate), so a steady stream of sends never starves socket I/O and timers.
 */
import type { Db } from '../db/index.ts';
import { type SendInput, type SendOutcome, sendMessages } from './chat.send-statement.ts';

/**
 * Most sends in one statement: bounds the statement's size and the time one batch holds its locks.
 * PGlite runs a statement synchronously on the event loop, so there a batch is smaller: one
 * statement of 256 sends held the loop ~250 ms on a loaded 2-core machine, 32 keeps it near 30 ms
 * (socket heartbeats and timers run between batches; server/src/db/pglite-yield.test.ts).
 */
export function maxBatch(kind: Db['kind']): number {
  return kind === 'pglite' ? 32 : 256;
}
/** Attempts of one batch when it loses a race (unique violation, deadlock, serialization failure). */
const ATTEMPTS = 4;
const RACE_CODES = new Set(['23505', '40P01', '40001']);

interface Pending {
  input: SendInput;
  resolve(outcome: SendOutcome): void;
  reject(err: unknown): void;
}

function isRace(err: unknown): boolean {
  for (let e = err; e; e = (e as { cause?: unknown }).cause) {
    if (RACE_CODES.has(String((e as { code?: unknown }).code))) return true;
  }
  return false;
}

export interface SendBatcher {
  send(input: SendInput): Promise<SendOutcome>;
}

export function createSendBatcher(db: Db): SendBatcher {
  let queue: Pending[] = [];
  let running = false;
  const limit = maxBatch(db.kind);

  async function store(batch: SendInput[]): Promise<SendOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await sendMessages(db.orm, batch);
      } catch (err) {
        if (!isRace(err) || attempt >= ATTEMPTS) throw err;
      }
    }
  }

  async function run(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await store(batch.map((p) => p.input));
      for (const [i, p] of batch.entries()) p.resolve(outcomes[i]!);
    } catch (err) {
      if (batch.length === 1) batch[0]!.reject(err);
      else for (const p of batch) await run([p]);
    }
  }

  async function drain(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, limit);
      queue = queue.slice(batch.length);
      await run(batch);
      // Let socket I/O and timers run between batches.
      await new Promise((r) => setImmediate(r));
    }
    running = false;
  }

  return {
    send(input) {
      return new Promise<SendOutcome>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        if (!running) void drain();
      });
    },
  };
}
