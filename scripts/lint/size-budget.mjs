#!/usr/bin/env node
/**
 * The first-load size budget: the script a first visit to `/?as=ava` downloads, brotli and gzip,
 * from the built files (run `npm run build` first; without a build it says so and checks nothing).
 * What a first visit loads, from the build's own manifests:
 * - the host: every script of host/dist (its routes and shared packages; the service worker aside);
 * - each remote's version in service (`dist/current.json`): `remoteEntry.js`, the exposed module's
 *   sync chunks, and the sync chunks of shared packages the host does not provide (the host's copy
 *   of a singleton wins, so a remote's own copy is never fetched).
 * e2e/bench/first-load.bench.ts measures the same visit in Chromium (docs/benchmarks.md).
 * Exit 1 when a total is over its budget.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** KiB of script for a first visit; lower them as the load shrinks, never raise them quietly. */
const BUDGET = { brotli: 172, gzip: 197, files: 34 };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const host = path.join(root, 'host', 'dist');
const json = (file) => JSON.parse(readFileSync(file, 'utf8'));

function remoteFiles(app, hostShared) {
  const dist = path.join(root, app, 'dist');
  const dir = path.join(dist, 'versions', json(path.join(dist, 'current.json')).version);
  const manifest = json(path.join(dir, 'mf-manifest.json'));
  const names = new Set(['remoteEntry.js']);
  for (const e of manifest.exposes) for (const f of e.assets.js.sync) names.add(f);
  for (const s of manifest.shared) if (!hostShared.has(s.name)) for (const f of s.assets.js.sync) names.add(f);
  return [...names].map((f) => path.join(dir, f));
}

const kib = (n) => (n / 1024).toFixed(1);

if (!existsSync(path.join(host, 'mf-manifest.json'))) {
  console.log('size budget: no build (run `npm run build`); nothing checked');
  process.exit(0);
}
const hostShared = new Set(json(path.join(host, 'mf-manifest.json')).shared.map((s) => s.name));
const files = [
  ...readdirSync(host)
    .filter((f) => f.endsWith('.js') && f !== 'sw.js')
    .map((f) => path.join(host, f)),
  ...remoteFiles('realtime-remote', hostShared),
  ...remoteFiles('call-remote', hostShared),
];
let brotli = 0;
let gzip = 0;
for (const file of files) {
  const raw = readFileSync(file);
  brotli += brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  gzip += gzipSync(raw, { level: 9 }).length;
}
const over = [];
if (brotli / 1024 > BUDGET.brotli) over.push(`brotli ${kib(brotli)} KiB > ${BUDGET.brotli} KiB`);
if (gzip / 1024 > BUDGET.gzip) over.push(`gzip ${kib(gzip)} KiB > ${BUDGET.gzip} KiB`);
if (files.length > BUDGET.files) over.push(`${files.length} scripts > ${BUDGET.files}`);
const line = `${files.length} scripts, ${kib(brotli)} KiB brotli, ${kib(gzip)} KiB gzip (budget ${BUDGET.brotli} / ${BUDGET.gzip} KiB, ${BUDGET.files} files)`;
if (over.length) {
  console.error(`size budget: first load OVER: ${over.join('; ')}\n  ${line}`);
  process.exit(1);
}
console.log(`size budget: first load ${line}`);
