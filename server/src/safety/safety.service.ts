/**
 * Safety inside any call, live or staged. Report and block both, in one transaction under the
 * session's row lock: write a block (blocker → the other participant; the queue, the swipe deck,
 * swipes, chat and staged calls all refuse a blocked pair either way), record the report when it is
 * one, and end the session if it is still going, for both at once with the reason `reported`.
 *
 * Never revealing who acted: both sides get the very same `call:ended` (reason `reported`, no
 * conversation to route to, since after a block that chat is closed anyway). Acting on a session that
 * already ended (from the summary screen) still records the report and the block.
 */
import { type CallEnded, EndReason, type PushPayload, ServerEvent, type ServerEventName } from '@flint/shared';
import type { Session } from '../calls/calls.model.ts';
import * as calls from '../calls/calls.repository.ts';
import type { Db } from '../db/index.ts';
import { DomainError } from '../domain-error.ts';
import { insertBlock, insertReport } from './safety.repository.ts';

export type SafetyAction = { kind: 'report'; reason: string } | { kind: 'block' };

export interface SafetyDeps {
  db: Db;
  /** Push to every tab of `to`. */
  emit<E extends ServerEventName>(to: string, event: E, payload: PushPayload<E>): void;
  now(): number;
}

export function createSafetyService({ db, emit, now }: SafetyDeps) {
  return {
    async act(userId: string, sessionId: string, action: SafetyAction): Promise<void> {
      const at = now();
      const ended = await db.orm.transaction(async (tx) => {
        const s = await calls.lockSession(tx, sessionId);
        if (!s) throw DomainError.notFound('call');
        const peer = s.participants.find((p) => p.userId !== userId);
        if (!peer || !s.participants.some((p) => p.userId === userId)) {
          throw DomainError.forbidden('you are not a participant of this call');
        }
        await insertBlock(tx, userId, peer.userId);
        if (action.kind === 'report') {
          await insertReport(tx, {
            reporterId: userId,
            reportedId: peer.userId,
            sessionId,
            stage: s.stage,
            sessionState: s.state,
            reason: action.reason,
          });
        }
        if (s.state === 'ended' || s.state === 'idle') return null;
        const done = endReported(s);
        await calls.saveSession(tx, done, at);
        return done;
      });
      if (!ended) return;
      const payload: CallEnded = { sessionId, kind: ended.kind, reason: EndReason.REPORTED, conversationId: null };
      for (const p of ended.participants) emit(p.userId, ServerEvent.CALL_ENDED, payload);
    },
  };
}

/** The session as ended `reported`: no clock, no deadline left (saving it clears them and frees both users). */
function endReported(s: Session): Session {
  return {
    ...s,
    state: 'ended',
    endReason: EndReason.REPORTED,
    ringEndsAt: null,
    prepareEndsAt: null,
    endsAt: null,
    remainingMs: null,
    decisionEndsAt: null,
    participants: [
      { ...s.participants[0], disconnectedAt: null },
      { ...s.participants[1], disconnectedAt: null },
    ],
  };
}
