/**
 * SQL for the live queue (tables in db/migrations/0004_live_queue.sql). Pairing safety rests on two
 * things here: a ticket changes status only under its row lock (`FOR UPDATE`, `SKIP LOCKED` when
 * looking for a partner, so two nodes never wait on each other nor take the same ticket), and a user
 * has at most one waiting ticket (partial unique index). Raw SQL because the locking queries read
 * more plainly than their query-builder form.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';

export interface Ticket {
  id: string;
  userId: string;
}

export interface WaitingPosition extends Ticket {
  /** 1 + the number of older waiting tickets, across every node. */
  position: number;
}

async function rows<T>(db: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db.execute<T & Record<string, unknown>>(query)).rows as T[];
}

/** A new waiting ticket; throws a unique violation (23505) when the user already has one. */
export async function insertTicket(db: Executor, t: { userId: string; nodeId: string; socketId: string }): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db,
    sql`INSERT INTO queue_tickets (user_id, status, node_id, socket_id)
        VALUES (${t.userId}, 'waiting', ${t.nodeId}, ${t.socketId}) RETURNING id`,
  );
  return row!.id;
}

/**
 * Who `meUserId` may be paired with, as conditions on a `queue_tickets t` row: a waiting ticket of
 * someone else, no block either way (a report writes a block too), not met in the live queue since
 * `metSince`, and not in a call right now.
 */
function partnerOf(meUserId: string, metSince: Date) {
  return sql`t.status = 'waiting' AND t.user_id <> ${meUserId}
    AND NOT EXISTS (
      SELECT 1 FROM blocks b
      WHERE (b.blocker_id = ${meUserId} AND b.blocked_id = t.user_id)
         OR (b.blocker_id = t.user_id AND b.blocked_id = ${meUserId}))
    AND NOT EXISTS (
      SELECT 1 FROM live_encounters e
      WHERE e.user_a = least(${meUserId}::uuid, t.user_id) AND e.user_b = greatest(${meUserId}::uuid, t.user_id)
        AND e.met_at > ${metSince.toISOString()}::timestamptz)
    AND NOT EXISTS (SELECT 1 FROM call_participants p WHERE p.user_id = t.user_id AND p.live)`;
}

/**
 * Locks a waiting ticket for the sweeper, but only when it can be paired now: its user is not in a
 * call and an eligible partner is waiting. A ticket nobody can take is never held, so a join looking
 * for the oldest waiter never skips it because a sweep was merely looking at it (which would pair
 * the newcomer with a younger ticket, or with nobody). Null when it cannot be paired or another
 * transaction holds it.
 */
export async function lockPairable(db: Executor, me: Ticket, metSince: Date): Promise<Ticket | null> {
  const [row] = await rows<Ticket>(
    db,
    sql`SELECT id, user_id AS "userId" FROM queue_tickets
        WHERE id = ${me.id} AND status = 'waiting'
          AND NOT EXISTS (SELECT 1 FROM call_participants p WHERE p.user_id = ${me.userId} AND p.live)
          AND EXISTS (SELECT 1 FROM queue_tickets t WHERE ${partnerOf(me.userId, metSince)})
        FOR UPDATE SKIP LOCKED`,
  );
  return row ?? null;
}

/**
 * Locks the oldest waiting ticket `me` may be paired with (see `partnerOf`). Tickets another
 * transaction is pairing are skipped, never waited for.
 */
export async function lockPartner(db: Executor, me: Ticket, metSince: Date): Promise<Ticket | null> {
  const [row] = await rows<Ticket>(
    db,
    sql`SELECT t.id, t.user_id AS "userId" FROM queue_tickets t
        WHERE ${partnerOf(me.userId, metSince)}
        ORDER BY t.joined_at, t.id
        LIMIT 1
        FOR UPDATE OF t SKIP LOCKED`,
  );
  return row ?? null;
}

/** Closes two locked tickets as paired into `sessionId` and records the encounter (re-pair rule). */
export async function markPaired(db: Executor, a: Ticket, b: Ticket, sessionId: string): Promise<void> {
  await db.execute(
    sql`UPDATE queue_tickets SET status = 'paired', session_id = ${sessionId}, closed_at = now()
        WHERE id IN (${a.id}, ${b.id})`,
  );
  await db.execute(
    sql`INSERT INTO live_encounters (user_a, user_b, session_id)
        VALUES (least(${a.userId}::uuid, ${b.userId}::uuid), greatest(${a.userId}::uuid, ${b.userId}::uuid), ${sessionId})`,
  );
}

/** Cancels the user's waiting ticket (waits for a pairing that holds it, then finds it paired); true if one was cancelled. */
export async function cancelWaiting(db: Executor, userId: string): Promise<boolean> {
  const cancelled = await rows<{ id: string }>(
    db,
    sql`UPDATE queue_tickets SET status = 'cancelled', closed_at = now()
        WHERE user_id = ${userId} AND status = 'waiting' RETURNING id`,
  );
  return cancelled.length > 0;
}

/** Cancels every waiting ticket joined through `nodeId` (what a restarted node left behind); returns their users. */
export async function cancelNode(db: Executor, nodeId: string): Promise<string[]> {
  const cancelled = await rows<{ userId: string }>(
    db,
    sql`UPDATE queue_tickets SET status = 'cancelled', closed_at = now()
        WHERE node_id = ${nodeId} AND status = 'waiting' RETURNING user_id AS "userId"`,
  );
  return cancelled.map((r) => r.userId);
}

/** Waiting tickets, oldest first (read without locks: each is then locked on its own). */
export async function oldestWaiting(db: Executor, limit: number): Promise<Ticket[]> {
  return rows<Ticket>(
    db,
    sql`SELECT id, user_id AS "userId" FROM queue_tickets WHERE status = 'waiting' ORDER BY joined_at, id LIMIT ${limit}`,
  );
}

/** Positions of the waiting tickets joined through `nodeId` (that node pushes their status). */
export async function positionsOnNode(db: Executor, nodeId: string): Promise<WaitingPosition[]> {
  return rows<WaitingPosition>(
    db,
    sql`SELECT id, "userId", position FROM (
          SELECT id, user_id AS "userId", node_id, (row_number() OVER (ORDER BY joined_at, id))::int AS position
          FROM queue_tickets WHERE status = 'waiting') w
        WHERE node_id = ${nodeId}`,
  );
}

/** One ticket's state: its position while waiting, its session once paired. */
export async function ticketState(db: Executor, ticketId: string) {
  const [row] = await rows<{ status: 'waiting' | 'paired' | 'cancelled'; sessionId: string | null; position: number }>(
    db,
    sql`SELECT t.status, t.session_id AS "sessionId",
          (SELECT count(*) FROM queue_tickets o
           WHERE o.status = 'waiting' AND (o.joined_at, o.id) < (t.joined_at, t.id))::int + 1 AS position
        FROM queue_tickets t WHERE t.id = ${ticketId}`,
  );
  return row ?? null;
}

/**
 * The recent pairing rate: pairs closed among the last `tickets` paired tickets of the past hour,
 * and the time they span up to now (database clock, so nodes' clocks never skew it).
 */
export async function recentPairing(db: Executor, tickets: number): Promise<{ pairs: number; spanMs: number }> {
  const [row] = await rows<{ n: number; spanMs: number | null }>(
    db,
    sql`SELECT count(*)::int AS n, (extract(epoch FROM now() - min(closed_at)) * 1000)::float8 AS "spanMs"
        FROM (SELECT closed_at FROM queue_tickets
              WHERE status = 'paired' AND closed_at > now() - interval '1 hour'
              ORDER BY closed_at DESC LIMIT ${tickets}) r`,
  );
  return { pairs: Math.floor((row?.n ?? 0) / 2), spanMs: Number(row?.spanMs ?? 0) };
}
