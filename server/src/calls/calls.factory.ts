/**
 * New sessions, `idle` until their creating event (`request` rings a staged date, `start-live` starts
 * a queue pairing), with the configured plan and durations frozen in, so a config change never alters
 * a running call.
 */
import { randomUUID } from 'node:crypto';
import type { StagePlan } from '@flint/shared';
import type { Config } from '../config.ts';
import type { Participant, Role, Session, SessionTiming } from './calls.model.ts';

export function createSessionFactory(timing: Config['timing'], prepareTimeoutS: number) {
  const durations: SessionTiming = {
    ringMs: timing.ringTimeoutS * 1000,
    decisionMs: timing.decisionTimeoutS * 1000,
    graceMs: timing.reconnectGraceS * 1000,
    leaveGraceMs: timing.leaveGraceS * 1000,
    prepareMs: prepareTimeoutS * 1000,
  };
  const fresh = (kind: Session['kind'], plan: StagePlan, match: Pick<Session, 'matchId' | 'conversationId'>, userIds: [string, string]) =>
    idleSession({ id: randomUUID(), kind, plan, timing: { ...durations }, ...match }, userIds);

  return {
    /** A staged date on a match, from the caller to the other person of the match. */
    staged: (callerId: string, calleeId: string, match: { id: string; conversationId: string | null }) =>
      fresh('staged', timing.stagedPlan, { matchId: match.id, conversationId: match.conversationId }, [callerId, calleeId]),
    /** A live-queue pairing: [the one who waited (caller), the newcomer (callee)]. */
    live: (userIds: [string, string]) => fresh('live', timing.livePlan, { matchId: null, conversationId: null }, userIds),
  };
}

/**
 * A session before its creating event: no clock, nobody ready or gone. `userIds` as [caller,
 * callee]; the callee is the polite peer of perfect negotiation.
 */
export function idleSession(
  base: Pick<Session, 'id' | 'kind' | 'matchId' | 'conversationId' | 'plan' | 'timing'>,
  userIds: [string, string],
): Session {
  return {
    ...base,
    state: 'idle',
    stage: 1,
    ringEndsAt: null,
    prepareEndsAt: null,
    endsAt: null,
    remainingMs: null,
    decisionEndsAt: null,
    endReason: null,
    answeredAt: null,
    participants: [newParticipant(userIds[0], 'caller'), newParticipant(userIds[1], 'callee')],
  };
}

/** A participant who has done nothing yet: connected, no vote, no gate passed. */
export const newParticipant = (userId: string, role: Role): Participant => ({
  userId,
  role,
  vote: null,
  readyStage: 0,
  connected: true,
  disconnectedAt: null,
  leaving: false,
  gateFailedStage: null,
});
