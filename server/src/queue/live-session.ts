/**
 * Starting a live session for a queue pairing. The calls domain has no "start live" entry point (its
 * sessions begin with `call:request` on a match), so this builds the session with the calls
 * repository, in the pairing's transaction, straight in `preparing` stage 1 of the live plan: there
 * is nobody to ring, both asked for it by joining the queue (recorded as their stage-1 consent).
 * From then on the calls domain runs it like any other session (gates, stages, votes, deadlines).
 */
import { randomUUID } from 'node:crypto';
import type { CallMatched, PublicUser } from '@flint/shared';
import type { Session } from '../calls/calls.model.ts';
import * as calls from '../calls/calls.repository.ts';
import type { Config } from '../config.ts';
import type { Executor } from '../db/index.ts';

/** [older ticket's user, newer ticket's user]: caller (impolite peer) and callee (polite peer). */
export function liveSession(userIds: [string, string], timing: Config['timing'], prepareMs: number, now: number): Session {
  return {
    id: randomUUID(),
    kind: 'live',
    matchId: null,
    conversationId: null,
    plan: timing.livePlan,
    timing: {
      ringMs: timing.ringTimeoutS * 1000,
      decisionMs: timing.decisionTimeoutS * 1000,
      graceMs: timing.reconnectGraceS * 1000,
      prepareMs,
    },
    state: 'preparing',
    stage: 1,
    ringEndsAt: null,
    prepareEndsAt: now + prepareMs,
    endsAt: null,
    remainingMs: null,
    decisionEndsAt: null,
    endReason: null,
    participants: userIds.map((userId, i) => ({
      userId,
      role: i === 0 ? 'caller' : 'callee',
      vote: null,
      readyStage: 0,
      connected: true,
      disconnectedAt: null,
    })) as Session['participants'],
  };
}

/**
 * Inserts the session with its deadlines and consents. Throws a unique violation when either user
 * is already in a session (call_participants_one_live_per_user), which rolls the pairing back.
 */
export async function insertLiveSession(tx: Executor, s: Session, now: number): Promise<void> {
  await calls.insertSession(tx, s);
  await calls.saveSession(tx, s, now);
  for (const p of s.participants) {
    await calls.recordConsent(tx, { sessionId: s.id, userId: p.userId, stage: 1, proceed: true, at: now });
  }
}

/** `call:matched` for each side, naming the other. Sent after commit, before `call:prepare`. */
export function matchedPayloads(s: Session, people: Map<string, PublicUser>): Array<[string, CallMatched]> {
  return s.participants.map((p) => {
    const peer = s.participants.find((o) => o.userId !== p.userId)!;
    return [p.userId, { sessionId: s.id, kind: 'live', peer: people.get(peer.userId)! }];
  });
}
