/**
 * Where a Flint send spends its time: the storage call `chat.send` makes for a new message (since
 * issue 12 one statement: chat.send-statement.ts), timed alone, one send after another on the shared
 * clock. Run after the rounds on an otherwise idle server, so the figure is that statement's own
 * cost, not queueing behind others (under load, concurrent sends share one statement).
 */

import { sendMessages } from '../src/chat/chat.send-statement.ts';
import type { Db } from '../src/db/index.ts';
import { nowMs } from './clock.ts';

const SAMPLES = 200;

export const SEND_STEPS = ['one statement: membership, retry lookup, block check, insert + seq'] as const;

export interface StepsConversation {
  conversationId: string;
  senderId: string;
  recipientId: string;
}

/** Mean ms per step (SEND_STEPS order) over SAMPLES new messages from `senderId`. */
export async function timeSendSteps(db: Db, { conversationId, senderId }: StepsConversation): Promise<number[]> {
  const total = SEND_STEPS.map(() => 0);
  for (let i = 0; i < SAMPLES; i++) {
    const clientId = `bench-steps-${i}`;
    const steps = [
      () =>
        sendMessages(db.orm, [{ conversationId, senderId, clientId, body: 'Round 0, message 1: are you free for a staged call tonight?' }]),
    ];
    for (const [k, step] of steps.entries()) {
      const started = nowMs();
      await step();
      total[k]! += nowMs() - started;
    }
  }
  return total.map((t) => t / SAMPLES);
}
