/**
 * The one clock every bench process reads. `process.hrtime` is CLOCK_MONOTONIC on Linux: one
 * system-wide clock, so a timestamp taken in the server child and one taken in a client worker are
 * directly comparable, with sub-microsecond resolution (Date.now() has 1 ms, too coarse for a p50
 * of a few ms; performance.now() is per-process).
 */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
