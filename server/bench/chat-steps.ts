/**
 * Where a Flint send spends its time: the storage calls `chat.send` makes for a new message
 * (chat.service.ts), in its order, timed one after another on the shared clock. Run after the rounds
 * on an otherwise idle server, so each figure is that call's own cost, not queueing behind others.
 */

import { findByClientId, findMembers, insertMessage } from '../src/chat/chat.repository.ts';
import type { Db } from '../src/db/index.ts';
import { isBlockedEitherWay } from '../src/users/users.repository.ts';
import { nowMs } from './clock.ts';

const SAMPLES = 200;

export const SEND_STEPS = [
  'membership check (join)',
  'retry lookup by clientId',
  'block check',
  'insert + seq update (transaction)',
] as const;

export interface StepsConversation {
  conversationId: string;
  senderId: string;
  recipientId: string;
}

/** Mean ms per step (SEND_STEPS order) over SAMPLES new messages from `senderId`. */
export async function timeSendSteps(db: Db, { conversationId, senderId, recipientId }: StepsConversation): Promise<number[]> {
  const total = SEND_STEPS.map(() => 0);
  for (let i = 0; i < SAMPLES; i++) {
    const clientId = `bench-steps-${i}`;
    const steps = [
      () => findMembers(db.orm, conversationId),
      () => findByClientId(db.orm, conversationId, senderId, clientId),
      () => isBlockedEitherWay(db.orm, senderId, recipientId),
      () =>
        insertMessage(db.orm, { conversationId, senderId, clientId, body: 'Round 0, message 1: are you free for a staged call tonight?' }),
    ];
    for (const [k, step] of steps.entries()) {
      const started = nowMs();
      await step();
      total[k]! += nowMs() - started;
    }
  }
  return total.map((t) => t / SAMPLES);
}
