/**
 * The measuring half of the quality monitor: loaded with a stage's first sample (quality-monitor.ts
 * imports it dynamically), so it is not part of the call remote's first load.
 */
export { levelOf } from './quality-level.ts';
export { sampleOf } from './stats-sample.ts';
