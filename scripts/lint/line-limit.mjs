#!/usr/bin/env node
/** House rules that tsc cannot check: every call-remote source file stays within 160 lines. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const MAX = 160;
const root = path.resolve(import.meta.dirname, '..', '..', 'call-remote', 'src');

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (/\.(ts|js|css)$/.test(name)) yield full;
  }
}

const over = [...files(root)].map((file) => [file, readFileSync(file, 'utf8').split('\n').length - 1]).filter(([, lines]) => lines > MAX);
for (const [file, lines] of over) console.error(`lint: ${path.relative(process.cwd(), file)} has ${lines} lines (max ${MAX})`);
if (over.length) process.exit(1);
console.log(`lint: call-remote files within ${MAX} lines`);
