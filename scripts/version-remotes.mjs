#!/usr/bin/env node
/**
 * Files each fresh remote build (`<remote>/dist/.next/`, from rspack) as an immutable version:
 * `<remote>/dist/versions/<package version>-<content hash>/`, then points `<remote>/dist/current.json`
 * at it. Same bytes, same id: rebuilding unchanged code adds nothing. Older versions stay (a
 * rollback is pointing `current.json` back, or pinning FLINT_*_REMOTE_VERSION on the server); only
 * the oldest beyond KEEP are pruned, never the one in service.
 *
 *   node scripts/version-remotes.mjs [remote-dir…]   # default: call-remote realtime-remote
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KEEP = 5;

function* files(dir, base = dir) {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full, base);
    else yield path.relative(base, full);
  }
}

function contentHash(dir) {
  const hash = createHash('sha256');
  for (const file of files(dir))
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(dir, file)))
      .update('\0');
  return hash.digest('hex').slice(0, 8);
}

/** Writes the pointer so a reader never sees half a file. */
function point(dist, version) {
  const tmp = path.join(dist, `.current-${process.pid}.json`);
  writeFileSync(tmp, `${JSON.stringify({ version }, null, 2)}\n`);
  renameSync(tmp, path.join(dist, 'current.json'));
}

function prune(versionsDir, current) {
  const old = readdirSync(versionsDir)
    .filter((v) => v !== current)
    .map((v) => [v, statSync(path.join(versionsDir, v)).mtimeMs])
    .sort((a, b) => b[1] - a[1])
    .slice(KEEP - 1);
  for (const [v] of old) rmSync(path.join(versionsDir, v), { recursive: true, force: true });
}

export function versionRemote(app) {
  const dist = path.join(root, app, 'dist');
  const staged = path.join(dist, '.next');
  if (!existsSync(staged)) return null;
  const { version: pkgVersion } = JSON.parse(readFileSync(path.join(root, app, 'package.json'), 'utf8'));
  const version = `${pkgVersion}-${contentHash(staged)}`;
  const target = path.join(dist, 'versions', version);
  if (existsSync(target)) {
    rmSync(staged, { recursive: true, force: true });
    const now = new Date();
    utimesSync(target, now, now);
  } else {
    mkdirSync(path.dirname(target), { recursive: true });
    renameSync(staged, target);
  }
  point(dist, version);
  prune(path.join(dist, 'versions'), version);
  return version;
}

const apps = process.argv.slice(2).length ? process.argv.slice(2) : ['call-remote', 'realtime-remote'];
for (const app of apps) {
  const version = versionRemote(app);
  if (version) console.log(`[version] ${app}: versions/${version} (current)`);
}
