/**
 * Call history: one row per ended session (`call_history`, 0008_call_history.sql), written by the
 * calls executor in the transaction that ends the session, and read back per person. The session's
 * row lock and the primary key make the write happen once, whichever node or sweep ends it.
 */
import { type CallHistoryEntry, EndReason } from '@flint/shared';
import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { users } from '../db/schema.ts';
import { toPublicUser } from '../users/users.repository.ts';
import type { Session } from './calls.model.ts';
import { callHistory, callSessions } from './calls.tables.ts';

/** Stages that started before the session ended, from its shape just before the end. */
export function stagesReached(before: Session): number {
  if (before.state === 'active' || before.state === 'intermission') return before.stage;
  if (before.state === 'preparing') return before.stage - 1;
  return 0;
}

/** Never answered and not turned down: the callee missed it (ring timeout, cancelled, the caller left). */
export const wasMissed = (reason: EndReason, answeredAt: number | null) =>
  answeredAt === null && reason !== EndReason.DECLINED && reason !== EndReason.REPORTED;

export interface EndRecord {
  session: Session;
  stagesReached: number;
  endedAt: number;
}

/** Records an ended session; false when it was recorded already (a no-op). */
export async function recordEnd(tx: Executor, { session: s, stagesReached, endedAt }: EndRecord): Promise<boolean> {
  const [caller, callee] = s.participants;
  const rows = await tx
    .insert(callHistory)
    .select(
      tx
        .select({
          sessionId: callSessions.id,
          kind: callSessions.kind,
          callerId: sql`${caller.userId}::uuid`.as('caller_id'),
          calleeId: sql`${callee.userId}::uuid`.as('callee_id'),
          conversationId: callSessions.conversationId,
          requestedAt: callSessions.createdAt,
          answeredAt: sql`${s.answeredAt === null ? null : new Date(s.answeredAt).toISOString()}::timestamptz`.as('answered_at'),
          endedAt: sql`${new Date(endedAt).toISOString()}::timestamptz`.as('ended_at'),
          stagesReached: sql`${stagesReached}::int`.as('stages_reached'),
          stages: sql`${s.plan.length}::int`.as('stages'),
          endReason: sql`${s.endReason}`.as('end_reason'),
        })
        .from(callSessions)
        .where(eq(callSessions.id, s.id)),
    )
    .onConflictDoNothing()
    .returning({ id: callHistory.sessionId });
  return rows.length > 0;
}

/** `userId`'s dates, newest first, without the people blocked either way. */
export async function listHistory(db: Executor, userId: string, limit: number): Promise<CallHistoryEntry[]> {
  const peerId = sql`CASE WHEN ${callHistory.callerId} = ${userId}::uuid THEN ${callHistory.calleeId} ELSE ${callHistory.callerId} END`;
  const rows = await db
    .select({ h: callHistory, peer: users })
    .from(callHistory)
    .innerJoin(users, eq(users.id, peerId))
    .where(
      and(
        or(eq(callHistory.callerId, userId), eq(callHistory.calleeId, userId)),
        sql`NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = ${userId}::uuid AND b.blocked_id = ${users.id})
              OR (b.blocker_id = ${users.id} AND b.blocked_id = ${userId}::uuid))`,
      ),
    )
    .orderBy(desc(callHistory.endedAt))
    .limit(limit);
  return rows.map(({ h, peer }) => ({
    sessionId: h.sessionId,
    kind: h.kind,
    peer: toPublicUser(peer),
    outgoing: h.callerId === userId,
    conversationId: h.conversationId,
    requestedAt: h.requestedAt.toISOString(),
    answeredAt: h.answeredAt?.toISOString() ?? null,
    endedAt: h.endedAt.toISOString(),
    stagesReached: h.stagesReached,
    reason: h.endReason,
    missed: wasMissed(h.endReason, h.answeredAt?.getTime() ?? null),
  }));
}
