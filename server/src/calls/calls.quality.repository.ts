/**
 * SQL for call quality (db/migrations/0007_call_quality.sql): one row per participant and stage,
 * counting samples per level. The calls domain alone writes it (through `CallsService.quality`).
 */
import type { ClientPayloads, QualityLevel, QualitySummaryRow, SessionState } from '@flint/shared';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';

export type QualityReport = Omit<ClientPayloads['call:quality'], 'sessionId'>;

/** The session as a quality report needs it: its state and stage, and the other participant; null for a non-participant. */
export async function qualityTarget(db: Executor, sessionId: string, userId: string) {
  const { rows } = await db.execute<{ user_id: string; state: SessionState; stage: number }>(sql`
    SELECT p.user_id, s.state, s.stage FROM call_participants p JOIN call_sessions s ON s.id = p.session_id
    WHERE p.session_id = ${sessionId}`);
  if (!rows.some((r) => r.user_id === userId)) return null;
  const other = rows.find((r) => r.user_id !== userId);
  return other ? { peer: other.user_id, state: rows[0]!.state, stage: Number(rows[0]!.stage) } : null;
}

/** Counts one sample of `userId` in `stage` and keeps its figures. */
export async function recordQuality(db: Executor, sessionId: string, userId: string, r: QualityReport): Promise<void> {
  const count = (level: QualityLevel) => (r.level === level ? 1 : 0);
  await db.execute(sql`
    INSERT INTO call_quality AS q (session_id, user_id, stage, good_samples, fair_samples, poor_samples, lost_samples,
      last_level, rtt_ms, loss_pct, jitter_ms, fps, video_step, max_video_step)
    VALUES (${sessionId}, ${userId}, ${r.stage}, ${count('good')}, ${count('fair')}, ${count('poor')}, ${count('lost')},
      ${r.level}, ${r.rttMs}, ${r.lossPct}, ${r.jitterMs}, ${r.fps}, ${r.videoStep}, ${r.videoStep})
    ON CONFLICT (session_id, user_id, stage) DO UPDATE SET
      good_samples = q.good_samples + excluded.good_samples,
      fair_samples = q.fair_samples + excluded.fair_samples,
      poor_samples = q.poor_samples + excluded.poor_samples,
      lost_samples = q.lost_samples + excluded.lost_samples,
      last_level = excluded.last_level, rtt_ms = excluded.rtt_ms, loss_pct = excluded.loss_pct,
      jitter_ms = excluded.jitter_ms, fps = excluded.fps, video_step = excluded.video_step,
      max_video_step = greatest(q.max_video_step, excluded.video_step), last_at = now()`);
}

/** One participant's row for one stage (tests, support). */
export async function qualityOf(db: Executor, sessionId: string, userId: string, stage: number) {
  const { rows } = await db.execute<Record<string, unknown>>(sql`
    SELECT good_samples, fair_samples, poor_samples, lost_samples, last_level, rtt_ms, loss_pct, jitter_ms, fps,
      video_step, max_video_step
    FROM call_quality WHERE session_id = ${sessionId} AND user_id = ${userId} AND stage = ${stage}`);
  const row = rows[0];
  if (!row) return null;
  const num = (v: unknown) => (v === null ? null : Number(v));
  return {
    samples: {
      good: Number(row.good_samples),
      fair: Number(row.fair_samples),
      poor: Number(row.poor_samples),
      lost: Number(row.lost_samples),
    },
    lastLevel: row.last_level as QualityLevel,
    rttMs: num(row.rtt_ms),
    lossPct: num(row.loss_pct),
    jitterMs: num(row.jitter_ms),
    fps: num(row.fps),
    videoStep: Number(row.video_step),
    maxVideoStep: Number(row.max_video_step),
  };
}

/** Samples per level for each stage, over rows touched in the last `hours` hours. */
export async function qualitySummary(db: Executor, hours: number): Promise<QualitySummaryRow[]> {
  const { rows } = await db.execute<Record<string, unknown>>(sql`
    SELECT stage, sum(good_samples)::int AS good, sum(fair_samples)::int AS fair, sum(poor_samples)::int AS poor,
      sum(lost_samples)::int AS lost, count(DISTINCT session_id)::int AS sessions
    FROM call_quality WHERE last_at > now() - make_interval(hours => ${hours}::int)
    GROUP BY stage ORDER BY stage`);
  return rows.map((r) => ({
    stage: Number(r.stage),
    samples: { good: Number(r.good), fair: Number(r.fair), poor: Number(r.poor), lost: Number(r.lost) },
    sessions: Number(r.sessions),
  }));
}
