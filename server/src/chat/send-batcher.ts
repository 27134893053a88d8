/**
 * Group commit for chat sends (db/batcher.ts): sends that arrive while a batch is being stored go
 * together in the next one, as ONE statement (chat.send-statement.ts), so N concurrent sends cost one
 * round trip and one commit instead of N × four. Each send resolves only after the statement that
 * stored it has committed, so an ack is durable; a failing batch is split so one bad row (a retry's
 * duplicate clientId) fails one send.
 */
import { createBatcher } from '../db/batcher.ts';
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
export interface SendBatcher {
  send(input: SendInput): Promise<SendOutcome>;
}

export function createSendBatcher(db: Db): SendBatcher {
  const batcher = createBatcher<SendInput, SendOutcome>({ maxBatch: maxBatch(db.kind), store: (batch) => sendMessages(db.orm, batch) });
  return { send: (input) => batcher.submit(input) };
}
