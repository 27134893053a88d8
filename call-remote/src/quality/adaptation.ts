/**
 * Outgoing video on a poor connection: step down at once (a level `poor` or `lost`), at most one
 * step per STEP_DOWN_MS so a single bad interval cannot drop straight to the floor; step back up
 * only after GOOD_FOR_MS of nothing but `good`, then one step per STEP_UP_MS (hysteresis: a link
 * that wavers between good and poor stays down rather than flapping). `fair` holds the step. From
 * the lowest step that is STEP_UP_MS + GOOD_FOR_MS = 8 s of good link, well inside the 15 s the
 * issue allows. Pure: time comes in.
 */
import type { QualityLevel } from '@flint/shared';

/** What each step sends: no cap at 0; then a bitrate cap and a smaller picture. */
export const VIDEO_STEPS = [
  { maxBitrate: null, scaleResolutionDownBy: 1 },
  { maxBitrate: 500_000, scaleResolutionDownBy: 2 },
  { maxBitrate: 150_000, scaleResolutionDownBy: 4 },
] as const;
export type VideoStep = 0 | 1 | 2;
export const MAX_STEP = (VIDEO_STEPS.length - 1) as VideoStep;

export const STEP_DOWN_MS = 4_000;
export const GOOD_FOR_MS = 5_000;
export const STEP_UP_MS = 3_000;

export interface Adaptation {
  step: VideoStep;
  /** When the last step was taken (either way); null: never. */
  changedAt: number | null;
  /** Since when every sample was `good`; null while it is not. */
  goodSince: number | null;
}

export const initialAdaptation: Adaptation = { step: 0, changedAt: null, goodSince: null };

export function adapt(a: Adaptation, level: QualityLevel, now: number): Adaptation {
  const since = (t: number | null, ms: number) => t === null || now - t >= ms;
  if (level === 'poor' || level === 'lost') {
    if (a.step === MAX_STEP || !since(a.changedAt, STEP_DOWN_MS)) return { ...a, goodSince: null };
    return { step: (a.step + 1) as VideoStep, changedAt: now, goodSince: null };
  }
  if (level === 'fair') return { ...a, goodSince: null };
  const goodSince = a.goodSince ?? now;
  if (a.step === 0 || now - goodSince < GOOD_FOR_MS || !since(a.changedAt, STEP_UP_MS)) return { ...a, goodSince };
  return { step: (a.step - 1) as VideoStep, changedAt: now, goodSince };
}
