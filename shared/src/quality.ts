/**
 * Call quality (issue 9): each side measures its connection every couple of seconds (getStats) and
 * reduces it to a level; the level and the figures behind it go to the server (`call:quality`),
 * which stores them per participant and stage and relays the level to the other side
 * (`call:peer-quality`).
 */

/** From best to worst. `lost`: nothing arrives at all (or the connection is down). */
export const QualityLevel = { GOOD: 'good', FAIR: 'fair', POOR: 'poor', LOST: 'lost' } as const;
export type QualityLevel = (typeof QualityLevel)[keyof typeof QualityLevel];
export const QUALITY_LEVELS = Object.values(QualityLevel) as [QualityLevel, ...QualityLevel[]];

/**
 * Bounds of a `call:quality` report's figures: anything outside is a broken or hostile client, not a
 * bad network (a round trip beyond a minute means the link is gone, and says `lost`).
 */
export const QUALITY_BOUNDS = { rttMs: 60_000, lossPct: 100, jitterMs: 60_000, fps: 240, videoStep: 3 } as const;

/** How often a client samples and reports; the server's rate limit for `call:quality` leaves room for it. */
export const QUALITY_INTERVAL_MS = 2_000;

/** Server → client `call:peer-quality`: the other side's level, as it last reported it. */
export interface CallPeerQuality {
  sessionId: string;
  stage: number;
  level: QualityLevel;
}

/** One stage's share of samples per level, over recent sessions (admin statistics). */
export interface QualitySummaryRow {
  stage: number;
  /** Samples (one per side every QUALITY_INTERVAL_MS while the stage runs) per level. */
  samples: Record<QualityLevel, number>;
  /** Sessions with at least one sample in this stage. */
  sessions: number;
}

export interface QualitySummary {
  /** The window the summary covers, in hours back from now. */
  hours: number;
  stages: QualitySummaryRow[];
}
