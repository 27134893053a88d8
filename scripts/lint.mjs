#!/usr/bin/env node
/**
 * `npm run lint`: every static check, each run even after another failed, exit 1 on any finding.
 * - Biome: lint and format of every package, tests and scripts included (warnings fail too).
 * - knip: unused files, exports and dependencies.
 * - the house rule tsc and Biome cannot check: call-remote files stay within 160 lines.
 * - docs/protocol.md matches the wire contract it is generated from (`npm run protocol`).
 * - call-remote/custom-elements.json matches the element's JSDoc (`npm run cem`).
 * - the first-load size budget over the last build (scripts/lint/size-budget.mjs).
 * - tsc over the whole repository, and over the service worker with its own (WebWorker) globals.
 */
import { spawnSync } from 'node:child_process';

const checks = [
  ['biome', 'biome ci --error-on-warnings .'],
  ['knip', 'knip --no-progress'],
  ['line limit', 'node scripts/lint/line-limit.mjs'],
  ['protocol doc', 'node --import tsx scripts/protocol-doc.ts --check'],
  ['custom elements manifest', 'node scripts/lint/cem-check.mjs'],
  ['size budget', 'node scripts/lint/size-budget.mjs'],
  ['tsc', 'tsc -p tsconfig.json --noEmit'],
  ['tsc (service worker)', 'tsc -p host/src/sw/worker/tsconfig.json --noEmit'],
];

const failed = [];
for (const [name, cmd] of checks) {
  const { status } = spawnSync(cmd, { shell: true, stdio: 'inherit' });
  if (status !== 0) failed.push(name);
}
console.log(failed.length ? `lint: FAILED: ${failed.join(', ')}` : `lint: ${checks.map(([n]) => n).join(', ')} clean`);
process.exit(failed.length ? 1 : 0);
