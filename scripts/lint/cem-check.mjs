#!/usr/bin/env node
/**
 * call-remote/custom-elements.json (the element's public API for host teams and tools) matches the
 * element's JSDoc: regenerated into a scratch folder with the same command as `npm run cem`, then
 * compared. Stale → run `npm run cem` and commit it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const callRemote = path.join(root, 'call-remote');
// The analyzer joins --outdir onto its working directory, so the scratch folder is a relative one
// under the repository's ignored .tmp/.
mkdirSync(path.join(root, '.tmp'), { recursive: true });
const scratch = mkdtempSync(path.join(root, '.tmp', 'cem-'));
// The analyzer also points package.json's `customElements` at its output: put the file back after.
const packageJson = path.join(callRemote, 'package.json');
const packageText = readFileSync(packageJson, 'utf8');
try {
  const args = [
    'cem',
    'analyze',
    '--litelement',
    '--globs',
    'src/flint-call.ts',
    'src/events/*.ts',
    '--outdir',
    path.relative(callRemote, scratch),
    '--quiet',
  ];
  const run = spawnSync('npx', args, { cwd: callRemote, encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(`cem: the analyzer failed\n${run.stderr}`);
    process.exit(1);
  }
  const fresh = readFileSync(path.join(scratch, 'custom-elements.json'), 'utf8');
  if (fresh !== readFileSync(path.join(callRemote, 'custom-elements.json'), 'utf8')) {
    console.error('cem: call-remote/custom-elements.json is stale: run `npm run cem` and commit it');
    process.exit(1);
  }
  console.log('cem: call-remote/custom-elements.json matches the element');
} finally {
  writeFileSync(packageJson, packageText);
  rmSync(scratch, { recursive: true, force: true });
}
