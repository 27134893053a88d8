/** Countdown arithmetic shared by the stage timer, the ringing prompt and the intermission. */

/** Whole seconds left until the ISO deadline (never negative); 0 without one. */
export function secondsLeft(at: string | null, now: number): number {
  if (!at) return 0;
  return Math.max(0, Math.ceil((Date.parse(at) - now) / 1000));
}

/** `m:ss`, as a stage timer shows it. */
export function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
