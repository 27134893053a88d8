/**
 * A whole batch of chat sends in ONE SQL statement (so one round trip and one commit, on PGlite and
 * PostgreSQL alike): for each send, membership (the sender is one of the conversation's match pair),
 * the retry lookup by (conversation, sender, clientId), the block check either way, then the insert
 * with the conversation's next seq. A single statement is its own transaction: it commits before it
 * returns, so a caller may ack every send it answers.
 *
 * Seq: the conversations of the batch are locked in id order (no deadlock between two batches), each
 * `last_seq` moves up by its number of new messages, and the new messages take the numbers after the
 * old value in the batch's order (`ord`, their arrival order). A retry that raced its original into
 * another transaction after this one's snapshot makes the insert fail with a unique violation and
 * the whole statement roll back (no seq is lost): the caller runs the batch again, and then it is
 * found as stored.
 */
import type { ChatMessage } from '@flint/shared';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';

export interface SendInput {
  conversationId: string;
  senderId: string;
  clientId: string;
  body: string;
}

export type SendOutcome =
  | { kind: 'created' | 'existing'; message: ChatMessage; recipientId: string }
  | { kind: 'not-member' }
  | { kind: 'blocked'; recipientId: string };

type OutcomeRow = {
  ord: number;
  outcome: 'created' | 'existing' | 'not-member' | 'blocked';
  recipient_id: string | null;
  id: string | null;
  seq: number | string | null;
  body: string | null;
  created_at: Date | string | null;
};

/** The outcome of each send, in the order given. */
export async function sendMessages(db: Executor, sends: SendInput[]): Promise<SendOutcome[]> {
  const input = JSON.stringify(
    sends.map((s, ord) => ({ ord, conversation_id: s.conversationId, sender_id: s.senderId, client_id: s.clientId, body: s.body })),
  );
  const { rows } = await db.execute<OutcomeRow>(sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${input}::jsonb)
        AS t(ord int, conversation_id uuid, sender_id uuid, client_id text, body text)
    ),
    member AS (
      SELECT i.*, CASE WHEN m.user_a = i.sender_id THEN m.user_b ELSE m.user_a END AS recipient_id
      FROM input i
      JOIN conversations c ON c.id = i.conversation_id
      JOIN matches m ON m.id = c.match_id
      WHERE i.sender_id IN (m.user_a, m.user_b)
    ),
    existing AS (
      SELECT mb.ord, msg.id, msg.seq, msg.body, msg.created_at
      FROM member mb
      JOIN messages msg ON msg.conversation_id = mb.conversation_id AND msg.sender_id = mb.sender_id AND msg.client_id = mb.client_id
    ),
    fresh AS (
      SELECT DISTINCT ON (mb.conversation_id, mb.sender_id, mb.client_id) mb.*
      FROM member mb
      WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE e.ord = mb.ord)
        AND NOT EXISTS (
          SELECT 1 FROM blocks b
          WHERE (b.blocker_id = mb.sender_id AND b.blocked_id = mb.recipient_id)
             OR (b.blocker_id = mb.recipient_id AND b.blocked_id = mb.sender_id))
      ORDER BY mb.conversation_id, mb.sender_id, mb.client_id, mb.ord
    ),
    counts AS (SELECT conversation_id, count(*)::bigint AS n FROM fresh GROUP BY conversation_id),
    locked AS MATERIALIZED (
      SELECT c.id FROM conversations c WHERE c.id IN (SELECT conversation_id FROM counts) ORDER BY c.id FOR UPDATE
    ),
    bumped AS (
      UPDATE conversations c SET last_seq = c.last_seq + counts.n
      FROM counts JOIN locked l ON l.id = counts.conversation_id
      WHERE c.id = counts.conversation_id
      RETURNING c.id, c.last_seq - counts.n AS base
    ),
    inserted AS (
      INSERT INTO messages (conversation_id, sender_id, client_id, body, seq)
      SELECT f.conversation_id, f.sender_id, f.client_id, f.body,
        b.base + row_number() OVER (PARTITION BY f.conversation_id ORDER BY f.ord)
      FROM fresh f JOIN bumped b ON b.id = f.conversation_id
      RETURNING id, conversation_id, sender_id, client_id, seq, body, created_at
    )
    SELECT i.ord,
      CASE WHEN mb.ord IS NULL THEN 'not-member'
           WHEN e.id IS NOT NULL THEN 'existing'
           WHEN n.id IS NOT NULL AND f.ord IS NOT NULL THEN 'created'
           WHEN n.id IS NOT NULL THEN 'existing'
           ELSE 'blocked' END AS outcome,
      mb.recipient_id::text AS recipient_id,
      coalesce(e.id, n.id)::text AS id,
      coalesce(e.seq, n.seq)::float8 AS seq,
      coalesce(e.body, n.body) AS body,
      coalesce(e.created_at, n.created_at) AS created_at
    FROM input i
    LEFT JOIN member mb ON mb.ord = i.ord
    LEFT JOIN existing e ON e.ord = i.ord
    LEFT JOIN fresh f ON f.ord = i.ord
    LEFT JOIN inserted n ON n.conversation_id = i.conversation_id AND n.sender_id = i.sender_id AND n.client_id = i.client_id
    ORDER BY i.ord`);
  return rows.map((r) => {
    const s = sends[Number(r.ord)]!;
    if (r.outcome === 'not-member') return { kind: 'not-member' };
    if (r.outcome === 'blocked') return { kind: 'blocked', recipientId: r.recipient_id! };
    const message: ChatMessage = {
      id: r.id!,
      conversationId: s.conversationId,
      senderId: s.senderId,
      clientId: s.clientId,
      body: r.body!,
      seq: Number(r.seq),
      createdAt: new Date(r.created_at!).toISOString(),
    };
    return { kind: r.outcome, message, recipientId: r.recipient_id! };
  });
}
