/**
 * A connection's quality level from one stats sample (getStats over the last interval). Pure: the
 * thresholds are the whole policy. Round trips follow ITU-T G.114 (up to 150 ms one way is fine for
 * conversation, 300 ms round trip and beyond is felt); loss and jitter follow what Opus and the video
 * decoders conceal well (a couple of percent, a few tens of milliseconds); video counts when its
 * frame rate falls or it froze in the interval.
 */
import { QualityLevel } from '@flint/shared';

export interface StatsSample {
  /** Round trip to the peer (the selected candidate pair, else RTCP), ms; null before it is measured. */
  rttMs: number | null;
  /** Packets lost in the interval, either way (ours as the peer reports them, theirs as we count them), %. */
  lossPct: number | null;
  /** Jitter of what we receive, ms. */
  jitterMs: number | null;
  /** Frames per second of the peer's video we decode; null when there is none. */
  fps: number | null;
  /** Video freezes in the interval (Chromium's freezeCount). */
  freezes: number;
  /** Whether any packet arrived in the interval; null when nothing was expected yet. */
  received: boolean | null;
}

/** From `fair` at the first number, `poor` at the second. */
export const THRESHOLDS = {
  rttMs: [150, 300],
  lossPct: [2, 5],
  jitterMs: [30, 50],
  /** Frames per second of the peer's video: `fair` below the first, `poor` below the second. */
  fps: [20, 10],
} as const;

/**
 * `expectVideo`: the stage is a video stage and the peer's camera is on (a camera turned off sends
 * a frame a second or none at all, which is not a bad connection).
 */
export function levelOf(s: StatsSample, expectVideo: boolean): QualityLevel {
  if (s.received === false) return QualityLevel.LOST;
  const over = (value: number | null, [fair, poor]: readonly [number, number]) =>
    value === null ? 0 : value >= poor ? 2 : value >= fair ? 1 : 0;
  const video = expectVideo && s.fps !== null ? (s.fps < THRESHOLDS.fps[1] || s.freezes > 0 ? 2 : s.fps < THRESHOLDS.fps[0] ? 1 : 0) : 0;
  const worst = Math.max(
    over(s.rttMs, THRESHOLDS.rttMs),
    over(s.lossPct, THRESHOLDS.lossPct),
    over(s.jitterMs, THRESHOLDS.jitterMs),
    video,
  );
  return worst === 2 ? QualityLevel.POOR : worst === 1 ? QualityLevel.FAIR : QualityLevel.GOOD;
}
