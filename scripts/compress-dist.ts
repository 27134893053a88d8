/**
 * Precompresses the built web apps once, at build time, so no server compresses per request:
 * beside every text asset (js, css, html, json, svg, map excluded) of host/dist, call-remote/dist
 * and realtime-remote/dist it writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level
 * 9). @fastify/static's `preCompressed` then serves the best one the request accepts, with
 * `Content-Encoding` and `Vary: Accept-Encoding`.
 *
 * Never stale: a compressed copy older than its file is rewritten, one whose file is gone is
 * removed, and a copy that would not be smaller is not kept. `current.json` (the deploy pointer,
 * rewritten on its own by scripts/version-remotes.mjs or by hand for a rollback) is never
 * precompressed, so a pointer can never be served from an older copy.
 *
 *   node --import tsx scripts/compress-dist.ts [dist-dir…]   # default: the three apps' dist/
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEXT = /\.(js|css|html|json|svg)$/;
const NEVER = new Set(['current.json']);
const ENCODINGS: [string, (buf: Buffer) => Buffer][] = [
  [
    '.br',
    (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }),
  ],
  ['.gz', (buf) => gzipSync(buf, { level: 9 })],
];

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '.next' && entry.name !== 'node_modules') yield* walk(full);
    } else yield full;
  }
}

/** Brings one dist/ up to date; returns how many compressed files were written and removed. */
export function compressDist(dir: string): { written: number; removed: number } {
  let written = 0;
  let removed = 0;
  for (const file of [...walk(dir)]) {
    const ext = ENCODINGS.find(([e]) => file.endsWith(e))?.[0];
    if (ext) {
      // A compressed copy whose file is gone (an older build) goes too.
      const source = file.slice(0, -ext.length);
      if (!existsSync(source)) {
        rmSync(file);
        removed++;
      }
      continue;
    }
    if (!TEXT.test(file) || NEVER.has(path.basename(file))) continue;
    const stat = statSync(file);
    let raw: Buffer | undefined;
    for (const [suffix, compress] of ENCODINGS) {
      const out = file + suffix;
      if (existsSync(out) && statSync(out).mtimeMs > stat.mtimeMs) continue;
      raw ??= readFileSync(file);
      const packed = compress(raw);
      if (packed.length < raw.length) {
        writeFileSync(out, packed);
        written++;
      } else if (existsSync(out)) {
        rmSync(out);
        removed++;
      }
    }
  }
  return { written, removed };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2);
  const targets = dirs.length ? dirs : ['host', 'call-remote', 'realtime-remote'].map((app) => path.join(root, app, 'dist'));
  for (const dir of targets) {
    if (!existsSync(dir)) continue;
    const { written, removed } = compressDist(dir);
    console.log(`[compress] ${path.relative(root, dir) || dir}: ${written} written, ${removed} removed`);
  }
}
