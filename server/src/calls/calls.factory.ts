/**
 * New sessions, `idle` until their creating event (`request` rings a staged date, `start-live` starts
 * a queue pairing), with the configured plan and durations frozen in, so a config change never alters
 * a running call.
 */
import { randomUUID } from 'node:crypto';
import type { StagePlan } from '@flint/shared';
import type { Config } from '../config.ts';
import type { Session, SessionTiming } from './calls.model.ts';

export function createSessionFactory(timing: Config['timing'], prepareTimeoutS: number) {
  const durations: SessionTiming = {
    ringMs: timing.ringTimeoutS * 1000,
    decisionMs: timing.decisionTimeoutS * 1000,
    graceMs: timing.reconnectGraceS * 1000,
    prepareMs: prepareTimeoutS * 1000,
  };

  /** `userIds` as [caller, callee]: the callee is the polite peer of perfect negotiation. */
  const idle = (
    kind: Session['kind'],
    plan: StagePlan,
    userIds: [string, string],
    matchId: string | null,
    conversationId: string | null,
  ) => {
    const session: Session = {
      id: randomUUID(),
      kind,
      matchId,
      conversationId,
      plan,
      timing: { ...durations },
      state: 'idle',
      stage: 1,
      ringEndsAt: null,
      prepareEndsAt: null,
      endsAt: null,
      remainingMs: null,
      decisionEndsAt: null,
      endReason: null,
      participants: [participant(userIds[0], 'caller'), participant(userIds[1], 'callee')],
    };
    return session;
  };

  return {
    /** A staged date on a match, from the caller to the other person of the match. */
    staged: (callerId: string, calleeId: string, match: { id: string; conversationId: string | null }) =>
      idle('staged', timing.stagedPlan, [callerId, calleeId], match.id, match.conversationId),
    /** A live-queue pairing: [the one who waited (caller), the newcomer (callee)]. */
    live: (userIds: [string, string]) => idle('live', timing.livePlan, userIds, null, null),
  };
}

const participant = (userId: string, role: Session['participants'][number]['role']) => ({
  userId,
  role,
  vote: null,
  readyStage: 0,
  connected: true,
  disconnectedAt: null,
});
