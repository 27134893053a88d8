/**
 * Safety inside any call, live or staged. Report and block both, in one transaction under the
 * session's row lock: the calls domain ends the session if it is still going (reason `reported`, the
 * very same `call:ended` for both, so nobody learns who acted), and safety writes a block (blocker →
 * the other participant; the queue, the swipe deck, swipes, chat and staged calls all refuse a
 * blocked pair either way) and, for a report, the report record with the stage and state the call
 * was in. Acting on a session that already ended (from the summary screen) still records the
 * report and the block, and tells nobody anything.
 */
import type { CallsService } from '../calls/calls.service.ts';
import type { Db } from '../db/index.ts';
import { insertBlock, insertReport } from './safety.repository.ts';

export type SafetyAction = { kind: 'report'; reason: string } | { kind: 'block' };

export interface SafetyDeps {
  db: Db;
  /** Ends the session in safety's transaction (`report`), and pushes the ending once it committed (`publish`). */
  calls: Pick<CallsService, 'report' | 'publish'>;
}

export function createSafetyService({ db, calls }: SafetyDeps) {
  return {
    /** Resolves to the other participant, now blocked. */
    async act(userId: string, sessionId: string, action: SafetyAction): Promise<string> {
      const ended = await db.orm.transaction(async (tx) => {
        const call = await calls.report(tx, userId, sessionId);
        await insertBlock(tx, userId, call.peerId);
        if (action.kind === 'report') {
          await insertReport(tx, {
            reporterId: userId,
            reportedId: call.peerId,
            sessionId,
            stage: call.stage,
            sessionState: call.state,
            reason: action.reason,
          });
        }
        return { move: call.move, peerId: call.peerId };
      });
      await calls.publish(ended.move);
      return ended.peerId;
    },
  };
}
