/**
 * Group commit, for any statement that can take many inputs at once: inputs that arrive while a
 * batch is being stored wait and go together in the next one, so N concurrent callers cost one
 * round trip (and one commit) instead of N. Nothing waits on a timer: an idle batcher stores an
 * input at once; under load a batch holds what came in during the previous one (at most `maxBatch`).
 * Each caller resolves only after the batch that carried its input has returned, so when `store`
 * commits (one statement, or one transaction) a caller may ack what it was answered.
 *
 * Failure stays with its own input: a batch that fails for a reason that is not a race (a unique
 * violation, a deadlock, a serialization failure: run again) is split and every input retried
 * alone, so one bad row fails one caller. Between batches the event loop gets a turn
 * (setImmediate), so a steady stream never starves socket I/O and timers.
 *
 * Used by chat sends (chat/send-batcher.ts), presence writes (presence/presence.service.ts) and the
 * handshake's user lookup (auth/identities.ts).
 */

/** Attempts of one batch when it loses a race (unique violation, deadlock, serialization failure). */
const ATTEMPTS = 4;
const RACE_CODES = new Set(['23505', '40P01', '40001']);

function isRace(err: unknown): boolean {
  for (let e = err; e; e = (e as { cause?: unknown }).cause) {
    if (RACE_CODES.has(String((e as { code?: unknown }).code))) return true;
  }
  return false;
}

interface Pending<I, O> {
  input: I;
  resolve(output: O): void;
  reject(err: unknown): void;
}

export interface Batcher<I, O> {
  /** Resolves with `input`'s output once the batch that carried it has been stored. */
  submit(input: I): Promise<O>;
}

export interface BatcherOptions<I, O> {
  /** Most inputs in one batch: bounds the statement's size and the time it holds its locks. */
  maxBatch: number;
  /** Stores a batch; one output per input, in the order given. */
  store(batch: I[]): Promise<O[]>;
}

export function createBatcher<I, O>({ maxBatch, store }: BatcherOptions<I, O>): Batcher<I, O> {
  let queue: Pending<I, O>[] = [];
  let running = false;

  async function attempt(batch: I[]): Promise<O[]> {
    for (let n = 1; ; n++) {
      try {
        const outputs = await store(batch);
        if (outputs.length !== batch.length) throw new Error(`batch of ${batch.length} stored with ${outputs.length} outputs`);
        return outputs;
      } catch (err) {
        if (!isRace(err) || n >= ATTEMPTS) throw err;
      }
    }
  }

  async function run(batch: Pending<I, O>[]): Promise<void> {
    try {
      const outputs = await attempt(batch.map((p) => p.input));
      for (const [i, p] of batch.entries()) p.resolve(outputs[i]!);
    } catch (err) {
      if (batch.length === 1) batch[0]!.reject(err);
      else for (const p of batch) await run([p]);
    }
  }

  async function drain(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      await run(batch);
      // Let socket I/O and timers run between batches.
      await new Promise((r) => setImmediate(r));
    }
    running = false;
  }

  return {
    submit(input) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        if (!running) void drain();
      });
    },
  };
}
