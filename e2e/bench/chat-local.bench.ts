/**
 * `npm run bench:chat-local`: how soon the chat shows after a page load, measured by the app's own
 * performance marks (`flint-chat-list`, `flint-conversation`: ms from navigation start to the first
 * rows on screen), for one device (browser context) signed in as ava, with the service worker
 * holding the app's code in every case. Each row puts the device's database beside the plain
 * baseline of the same page rendering from the network (the device's database deleted first):
 * - the chat list, server reachable; the chat list with the API and socket cut by routes; the chat
 *   list on a cold start with no network at all (offline: only the service worker and the device);
 * - the conversation ava–ben (60 messages), server reachable.
 * A sample whose mark says the data came from elsewhere than intended is reported and dropped.
 * Prints the command, the date and the load average.
 *
 * Options: --runs N | BENCH_RUNS (default 10), --port P | BENCH_PORT (default 3450; remotes on +1, +2).
 * As root it re-runs itself in a private network namespace with only loopback up.
 */
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { appMark, CHROME_PATH, CHROMIUM_ARGS, cutServer, FlintApp, seedConversation, waitOfflineReady } from '@flint/qa';
import { chromium, type Page } from '@playwright/test';
import { inLoopbackNamespace } from './loopback.ts';
import { snapshotBuild, startFlint } from './servers.ts';
import { type Row, table } from './stats.ts';

const { values } = parseArgs({ options: { runs: { type: 'string' }, port: { type: 'string' } } });
const runs = Number(values.runs ?? process.env.BENCH_RUNS ?? 10);
const port = Number(values.port ?? process.env.BENCH_PORT ?? 3450);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(port)) throw new Error('--runs and --port must be positive integers');

/** Loads `path` and returns the mark's time, or null (reported) when the data came from elsewhere. */
async function load(page: Page, path: string, mark: string, source: 'device' | 'server', failures: string[]): Promise<number | null> {
  if (source === 'server') {
    // A device that never stored anything: the page must ask the server.
    await page.evaluate(
      () => new Promise((resolve) => Object.assign(indexedDB.deleteDatabase('flint-chat'), { onsuccess: resolve, onerror: resolve })),
    );
  }
  await page.goto(path);
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, { timeout: 15_000 });
  const found = await appMark(page, mark);
  if (found?.source === source) return found.at;
  failures.push(`${path}: ${mark} came from ${found?.source ?? 'nowhere'}, expected ${source}`);
  return null;
}

async function main(): Promise<number> {
  const nested = inLoopbackNamespace(fileURLToPath(import.meta.url));
  if (nested !== null) return nested;
  const load1 = () =>
    loadavg()
      .map((n) => n.toFixed(1))
      .join(' / ');
  const args = process.argv.slice(2).join(' ');
  console.log(`command: npm run bench:chat-local${args ? ` -- ${args}` : ''}`);
  console.log(`date:    ${new Date().toISOString()}`);
  console.log(`machine: ${cpus().length} cores, Node ${process.version}, load average (1/5/15 min) ${load1()} at start`);

  const build = snapshotBuild();
  const flint = await startFlint({ port, build: build.dir, stagePlan: 'audio:60', decisionTimeoutS: 30, startTimeoutMs: 120_000 });
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROMIUM_ARGS });
  const failures: string[] = [];
  const sample = { list: [[], []], cut: [[], []], offline: [[], []], conversation: [[], []] } as Record<string, [number[], number[]]>;
  try {
    const context = await browser.newContext({ baseURL: flint.url });
    const app = new FlintApp(context, await context.newPage());
    await app.open('ava', '/chat');
    await app.page.locator('flint-chat-list-page li').first().waitFor();
    await waitOfflineReady(app.page);
    await app.page.getByRole('link', { name: 'Ben', exact: true }).click();
    const conversation = new URL(app.page.url()).pathname;
    // A conversation with a history: 60 messages, both ways.
    await seedConversation(flint.url, conversation.split('/').at(-1)!, ['ava', 'ben'], 60, 'bench-');
    const add = (key: string, side: 0 | 1, ms: number | null) => ms !== null && sample[key]![side].push(ms);
    for (let i = 0; i < runs; i++) {
      // The network baseline first: it leaves the device's database filled for the device runs.
      add('list', 1, await load(app.page, '/chat', 'flint-chat-list', 'server', failures));
      add('list', 0, await load(app.page, '/chat', 'flint-chat-list', 'device', failures));
      const restore = await cutServer(context);
      add('cut', 0, await load(app.page, '/chat', 'flint-chat-list', 'device', failures));
      await restore();
      await context.setOffline(true);
      add('offline', 0, await load(app.page, '/chat', 'flint-chat-list', 'device', failures));
      await context.setOffline(false);
      add('conversation', 1, await load(app.page, conversation, 'flint-conversation', 'server', failures));
      add('conversation', 0, await load(app.page, conversation, 'flint-conversation', 'device', failures));
      console.log(`run ${i + 1}/${runs} done`);
    }
    // The baseline of the cut and offline rows is the same network load as the first row's.
    sample.cut![1] = sample.list![1];
    sample.offline![1] = sample.list![1];
    const rows: Row[] = [
      { label: 'chat list, server reachable', flint: sample.list![0], baseline: sample.list![1] },
      { label: 'chat list, API + socket unreachable', flint: sample.cut![0], baseline: sample.cut![1] },
      { label: 'chat list, cold start offline', flint: sample.offline![0], baseline: sample.offline![1] },
      { label: 'conversation (60 messages), server reachable', flint: sample.conversation![0], baseline: sample.conversation![1] },
    ];
    console.log('\n"Flint" = rendered from the device (IndexedDB); "baseline" = the same page rendered from the network.\n');
    console.log(table(rows));
  } finally {
    await browser.close();
    await flint.stop();
    await build.stop();
  }
  console.log(`\nload average (1/5/15 min) ${load1()} at end`);
  for (const f of failures) console.error(`dropped: ${f}`);
  return 0;
}

process.exitCode = await main();
