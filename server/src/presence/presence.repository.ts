/**
 * Presence as rows, one per connected socket, rather than asking the adapter (`fetchSockets()`):
 * the count and the change it implies are decided inside one transaction holding the user's row
 * lock, so when two nodes connect or drop the same user at the same instant exactly one of them sees
 * the 0↔1 transition. A `fetchSockets()` snapshot races there (both nodes could still see the other
 * socket and nobody would announce "offline"), and it costs a round trip to every node per connect.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { presenceSockets } from '../db/schema.ts';

/**
 * Locks the users' presence until the transaction ends (every node takes the same row locks, in id
 * order, so two batches sharing users wait for each other instead of deadlocking). NO KEY UPDATE, not
 * UPDATE: it does not hold up the foreign-key checks of other domains' inserts (a queue ticket, a
 * call participant) for the users of a batch.
 */
export async function lockUsers(db: Executor, userIds: string[]): Promise<void> {
  const ids = JSON.stringify(userIds);
  await db.execute(
    sql`SELECT id FROM users WHERE id IN (SELECT jsonb_array_elements_text(${ids}::jsonb)::uuid) ORDER BY id FOR NO KEY UPDATE`,
  );
}

/** One socket arriving (`connect`) or leaving. */
export interface SocketChange {
  socketId: string;
  userId: string;
  connect: boolean;
}

/** A user's number of sockets before and after a batch of changes. */
export interface SocketCounts {
  before: number;
  after: number;
}

/**
 * Applies a batch of socket changes in ONE statement: deletes the leaving rows, inserts the arriving
 * ones, and returns each touched user's socket count before and after. Call it after `lockUsers` in
 * the same transaction: the statement's snapshot is then taken with the users locked, so the counts
 * are exact across nodes. Each socket appears at most once (the caller folds repeats).
 */
export async function applySocketChanges(db: Executor, changes: SocketChange[], nodeId: string): Promise<Map<string, SocketCounts>> {
  const input = JSON.stringify(changes.map((c) => ({ socket_id: c.socketId, user_id: c.userId, connect: c.connect })));
  const { rows } = await db.execute<{ user_id: string; before: number | string; added: number | string; removed: number | string }>(sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS t(socket_id text, user_id uuid, connect boolean)
    ),
    touched AS (SELECT DISTINCT user_id FROM input),
    removed AS (
      DELETE FROM presence_sockets p USING input i
      WHERE NOT i.connect AND p.socket_id = i.socket_id AND p.user_id = i.user_id
      RETURNING p.user_id
    ),
    added AS (
      INSERT INTO presence_sockets (socket_id, user_id, node_id)
      SELECT socket_id, user_id, ${nodeId} FROM input WHERE connect
      ON CONFLICT DO NOTHING
      RETURNING user_id
    )
    SELECT t.user_id::text AS user_id,
      (SELECT count(*) FROM presence_sockets p WHERE p.user_id = t.user_id) AS before,
      (SELECT count(*) FROM added a WHERE a.user_id = t.user_id) AS added,
      (SELECT count(*) FROM removed r WHERE r.user_id = t.user_id) AS removed
    FROM touched t
  `);
  return new Map(rows.map((r) => [r.user_id, { before: Number(r.before), after: Number(r.before) + Number(r.added) - Number(r.removed) }]));
}

/**
 * Removes every row a node left behind (it crashed or was killed); returns the users of those rows
 * who have no socket on any other node left, i.e. who are offline now. One statement, whatever the
 * number of rows (its snapshot still sees the deleted rows, hence "on another node").
 */
export async function deleteNodeSockets(db: Executor, nodeId: string): Promise<string[]> {
  const { rows } = await db.execute<{ user_id: string }>(sql`
    WITH gone AS (DELETE FROM presence_sockets WHERE node_id = ${nodeId} RETURNING user_id)
    SELECT DISTINCT g.user_id::text AS user_id FROM gone g
    WHERE NOT EXISTS (SELECT 1 FROM presence_sockets p WHERE p.user_id = g.user_id AND p.node_id <> ${nodeId})
  `);
  return rows.map((r) => r.user_id);
}

export async function onlineAmong(db: Executor, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ userId: presenceSockets.userId })
    .from(presenceSockets)
    .where(inArray(presenceSockets.userId, userIds));
  return new Set(rows.map((r) => r.userId));
}
