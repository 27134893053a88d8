/**
 * `npm run bench:first-load`: what a first visit to `/?as=ava` costs in script, across every origin
 * (the host on PORT, call-remote on PORT+1, realtime-remote on PORT+2): bytes on the wire (as
 * Chromium's network layer counts them: the body after any Content-Encoding, plus the response
 * headers), bytes once decoded, and the number of script files, read from the DevTools protocol (Network domain) in a
 * fresh browser context (nothing cached, no service worker yet). The page counts as loaded when
 * `<flint-call>` is defined and the network has been idle for 500 ms.
 *
 * Options: --runs N | BENCH_RUNS (default 3), --port P | BENCH_PORT (default 3470; remotes on +1, +2).
 * As root it re-runs itself in a private network namespace with only loopback up.
 */
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROME_PATH, CHROMIUM_ARGS } from '@flint/qa';
import { chromium } from '@playwright/test';
import { inLoopbackNamespace } from './loopback.ts';
import { snapshotBuild, startFlint } from './servers.ts';

const { values } = parseArgs({ options: { runs: { type: 'string' }, port: { type: 'string' } } });
const runs = Number(values.runs ?? process.env.BENCH_RUNS ?? 3);
const port = Number(values.port ?? process.env.BENCH_PORT ?? 3470);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(port)) throw new Error('--runs and --port must be positive integers');

interface Script {
  url: string;
  wire: number;
  decoded: number;
  encoding: string;
}

async function firstVisit(browser: import('@playwright/test').Browser, url: string): Promise<Script[]> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const scripts = new Map<string, Script>();
  cdp.on('Network.responseReceived', (e) => {
    if (e.type !== 'Script') return;
    const encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1] ?? 'identity';
    scripts.set(e.requestId, { url: e.response.url, wire: 0, decoded: 0, encoding: String(encoding) });
  });
  cdp.on('Network.dataReceived', (e) => {
    const s = scripts.get(e.requestId);
    if (s) s.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const s = scripts.get(e.requestId);
    if (s) s.wire = e.encodedDataLength;
  });
  await page.goto(`${url}/?as=ava`);
  await page.waitForFunction(() => customElements.get('flint-call') !== undefined, null, { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await context.close();
  return [...scripts.values()];
}

async function main(): Promise<number> {
  const nested = inLoopbackNamespace(fileURLToPath(import.meta.url));
  if (nested !== null) return nested;
  const load = () =>
    loadavg()
      .map((n) => n.toFixed(1))
      .join(' / ');
  const args = process.argv.slice(2).join(' ');
  console.log(`command: npm run bench:first-load${args ? ` -- ${args}` : ''}`);
  console.log(`date:    ${new Date().toISOString()}`);
  console.log(`machine: ${cpus().length} cores, Node ${process.version}, load average (1/5/15 min) ${load()} at start`);
  const build = snapshotBuild();
  const flint = await startFlint({ port, build: build.dir, stagePlan: 'audio:60', decisionTimeoutS: 30, startTimeoutMs: 120_000 });
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROMIUM_ARGS });
  try {
    let last: Script[] = [];
    const totals: string[] = [];
    for (let i = 0; i < runs; i++) {
      last = await firstVisit(browser, flint.url);
      const wire = last.reduce((n, s) => n + s.wire, 0);
      const decoded = last.reduce((n, s) => n + s.decoded, 0);
      totals.push(
        `run ${i + 1}: ${last.length} scripts, ${(wire / 1024).toFixed(1)} KiB on the wire, ${(decoded / 1024).toFixed(1)} KiB decoded`,
      );
    }
    console.log(`\nscripts of the last run (wire KiB, decoded KiB, content-encoding):`);
    for (const s of last.sort((a, b) => b.wire - a.wire))
      console.log(
        `  ${(s.wire / 1024).toFixed(1).padStart(7)} ${(s.decoded / 1024).toFixed(1).padStart(7)} ${s.encoding.padEnd(8)} ${s.url}`,
      );
    console.log(`\n${totals.join('\n')}`);
  } finally {
    await browser.close();
    await flint.stop();
    await build.stop();
  }
  console.log(`\nload average (1/5/15 min) ${load()} at end`);
  return 0;
}

process.exitCode = await main();
