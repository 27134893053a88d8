/** SQL for safety actions: the block (either action writes one) and the report record. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { blocks } from '../db/schema.ts';

export async function insertBlock(db: Executor, blockerId: string, blockedId: string): Promise<void> {
  await db.insert(blocks).values({ blockerId, blockedId }).onConflictDoNothing();
}

export interface ReportRecord {
  reporterId: string;
  reportedId: string;
  sessionId: string;
  stage: number;
  /** The session's state when reported (ringing, preparing, active, intermission, ended). */
  sessionState: string;
  reason: string;
}

export async function insertReport(db: Executor, r: ReportRecord): Promise<void> {
  await db.execute(
    sql`INSERT INTO reports (reporter_id, reported_id, session_id, stage, session_state, reason)
        VALUES (${r.reporterId}, ${r.reportedId}, ${r.sessionId}, ${r.stage}, ${r.sessionState}, ${r.reason})`,
  );
}
