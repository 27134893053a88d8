/**
 * `npm run bench:call`: how long a Flint call takes to get media flowing, against a minimal
 * baseline (one RTCPeerConnection + a bare socket.io relay, baseline.html) in the same run, the
 * same headless Chromium and the same fake devices:
 * - accept → stage 1's first remote media on both sides: for the default voice-first plan the
 *   first inbound audio packets; for a video-first plan the first decoded remote frame;
 * - both voted yes → first decoded remote frame on both sides in the next stage: voice → video
 *   (video is new on the connection) and video → video (tracks swapped in on the same connection).
 * Every run is a fresh pair of browser contexts; Flint and the baseline take turns going first.
 * The next-stage rows are also shown as a share of a fresh video call's setup in the same run.
 * Prints the command, the date, the load average, the table and Flint's phases. A call that fails
 * or times out (every wait is bounded) is reported and the other runs go on; the exit code is 1.
 *
 * Options (flag or environment): --runs N | BENCH_RUNS (default 5), --stage-seconds S |
 * BENCH_STAGE_SECONDS (default 5), --port P | BENCH_PORT (default 3400: Flint voice-first on P,
 * video-first on P+10, each with its remotes on +1 and +2; the baseline on P+20).
 * As root it re-runs itself in a private network namespace with only loopback up (as
 * scripts/test.mjs does), so media never leaves the machine; FLINT_NETNS=0 turns that off.
 */
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS as ARGS, CHROME_PATH } from '@flint/qa';
import { type Browser, chromium } from '@playwright/test';
import { baselineRun } from './baseline-run.ts';
import { type CallSample, flintRun } from './flint-run.ts';
import { inLoopbackNamespace } from './loopback.ts';
import { snapshotBuild, startBaseline, startFlint } from './servers.ts';
import { type PhaseRow, phaseTable, type Row, shareOfFresh, table } from './stats.ts';

const STEP_MS = 30_000;
const INTERMISSION_MS = 1_000;

function positiveInt(name: string, flag: string | undefined, env: string | undefined, fallback: number): number {
  const text = flag ?? env;
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return n;
}

const { values } = parseArgs({ options: { runs: { type: 'string' }, 'stage-seconds': { type: 'string' }, port: { type: 'string' } } });
const runs = positiveInt('--runs', values.runs, process.env.BENCH_RUNS, 5);
const stageSeconds = positiveInt('--stage-seconds', values['stage-seconds'], process.env.BENCH_STAGE_SECONDS, 5);
const port = positiveInt('--port', values.port, process.env.BENCH_PORT, 3400);

/** The command as typed, so the figures can be reproduced. */
function command(): string {
  const env = ['BENCH_RUNS', 'BENCH_STAGE_SECONDS', 'BENCH_PORT'].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]} `);
  const args = process.argv.slice(2).join(' ');
  const base = process.env.npm_lifecycle_event === 'bench:call' ? 'npm run bench:call' : 'node --import tsx e2e/bench/call.bench.ts';
  return `${env.join('')}${base}${args ? `${base.startsWith('npm') ? ' --' : ''} ${args}` : ''}`;
}

const opened: Array<{ stop(): Promise<void> }> = [];
/** Registers a started resource for clean-up and passes it on. */
function keep<T extends { stop(): Promise<void> }>(resource: T): T {
  opened.push(resource);
  return resource;
}
async function cleanUp(): Promise<void> {
  for (const resource of opened.splice(0).reverse()) await resource.stop().catch((error) => console.error('bench:call: cleanup:', error));
}

async function bench(): Promise<{ rows: Row[]; phases: PhaseRow[]; failures: string[] }> {
  const voicePlan = `audio:${stageSeconds},video:${stageSeconds},video:${stageSeconds}`;
  const videoPlan = `video:${stageSeconds},video:${stageSeconds}`;
  const build = snapshotBuild();
  opened.push(build);
  const server = { build: build.dir, decisionTimeoutS: 30, startTimeoutMs: 120_000 };
  const [voice, video] = await Promise.all([
    startFlint({ port, stagePlan: voicePlan, ...server }).then(keep),
    startFlint({ port: port + 10, stagePlan: videoPlan, ...server }).then(keep),
  ]);
  const relay = await startBaseline(port + 20);
  opened.push(relay);
  const browser: Browser = await chromium.launch({ executablePath: CHROME_PATH, args: ARGS });
  opened.push({ stop: () => browser.close() });
  console.log(`servers: Flint ${voice.url} (${voicePlan}), Flint ${video.url} (${videoPlan}), baseline ${relay.url}`);

  const common = { stepMs: STEP_MS, intermissionMs: INTERMISSION_MS };
  const flintVoice = () => flintRun(browser, { url: voice.url, first: 'audio', stages: 3, ...common });
  const baseVoice = () => baselineRun(browser, { url: relay.url, first: 'audio', stages: 3, ...common });
  const flintVideo = () => flintRun(browser, { url: video.url, first: 'video', stages: 1, ...common });
  const baseVideo = () => baselineRun(browser, { url: relay.url, first: 'video', stages: 1, ...common });

  // A failed call is a result too: it is reported, the other runs go on, and the exit code is 1.
  const failures: string[] = [];
  const attempt = async (label: string, run: () => Promise<CallSample>, into?: CallSample[]): Promise<CallSample | null> => {
    try {
      const sample = await run();
      into?.push(sample);
      return sample;
    } catch (error) {
      const why =
        error instanceof Error
          ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message.split('\n')[0]})` : ''}`
          : String(error);
      failures.push(`${label}: ${why}`);
      console.error(`  ${label} FAILED: ${why}`);
      return null;
    }
  };

  // Unrecorded: the first call in a browser pays one-time costs (codecs, the app's chunks).
  await attempt('warm-up baseline video call', baseVideo);
  await attempt('warm-up Flint video call', flintVideo);

  const samples = {
    flintVoice: [] as CallSample[],
    baseVoice: [] as CallSample[],
    flintVideo: [] as CallSample[],
    baseVideo: [] as CallSample[],
  };
  for (let i = 0; i < runs; i++) {
    // Flint and the baseline take turns going first, so load from elsewhere hits both alike.
    const pair = async (
      kind: string,
      flint: () => Promise<CallSample>,
      base: () => Promise<CallSample>,
      f: CallSample[],
      b: CallSample[],
    ) => {
      const one = () => attempt(`run ${i + 1} Flint ${kind}`, flint, f);
      const two = () => attempt(`run ${i + 1} baseline ${kind}`, base, b);
      if (i % 2 === 0) return [await one(), await two()];
      const second = await two();
      return [await one(), second];
    };
    const [fv, bv] = await pair('voice', flintVoice, baseVoice, samples.flintVoice, samples.baseVoice);
    const [fd, bd] = await pair('video', flintVideo, baseVideo, samples.flintVideo, samples.baseVideo);
    const f = (s: CallSample | null | undefined) => (s ? [s.accept, ...s.votes].map((n) => n.toFixed(0)).join('/') : 'failed');
    console.log(
      `run ${i + 1}/${runs}: Flint ${f(fv)} + ${f(fd)} ms, baseline ${f(bv)} + ${f(bd)} ms (voice accept/1→2/2→3 + video accept)`,
    );
  }
  const pick = (list: CallSample[], get: (s: CallSample) => number) => list.map(get);
  const phases = (label: string, list: CallSample[], i: number): PhaseRow => ({
    label,
    runs: list.map((s) => ({ ...s.phases![i]!, media: i === 0 ? s.accept : s.votes[i - 1]! })),
  });
  const rows = [
    {
      label: 'accept → first remote audio, both sides (voice stage 1)',
      flint: pick(samples.flintVoice, (s) => s.accept),
      baseline: pick(samples.baseVoice, (s) => s.accept),
    },
    {
      label: 'accept → first decoded frame, both sides (video stage 1)',
      flint: pick(samples.flintVideo, (s) => s.accept),
      baseline: pick(samples.baseVideo, (s) => s.accept),
    },
    {
      label: 'both yes → first frame, voice → video (stage 1 → 2)',
      flint: pick(samples.flintVoice, (s) => s.votes[0]!),
      baseline: pick(samples.baseVoice, (s) => s.votes[0]!),
    },
    {
      label: 'both yes → first frame, video → video (stage 2 → 3)',
      flint: pick(samples.flintVoice, (s) => s.votes[1]!),
      baseline: pick(samples.baseVoice, (s) => s.votes[1]!),
    },
  ];
  return {
    rows,
    failures,
    phases: [
      phases('accept (voice stage 1; media = audio)', samples.flintVoice, 0),
      phases('accept (video stage 1)', samples.flintVideo, 0),
      phases('both yes, voice → video', samples.flintVoice, 1),
      phases('both yes, video → video', samples.flintVoice, 2),
    ],
  };
}

async function main(): Promise<number> {
  const nested = inLoopbackNamespace(fileURLToPath(import.meta.url));
  if (nested !== null) return nested;
  const deadlineMs = 300_000 + runs * (stageSeconds * 4_000 + 60_000);
  const watchdog = setTimeout(() => {
    console.error(`bench:call: still running after ${deadlineMs / 1000} s, giving up`);
    void cleanUp().finally(() => process.exit(1));
  }, deadlineMs);
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void cleanUp().finally(() => process.exit(1)));

  const load = () =>
    loadavg()
      .map((n) => n.toFixed(1))
      .join(' / ');
  const started = Date.now();
  console.log(`command: ${command()}`);
  console.log(`date:    ${new Date().toISOString()}`);
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average (1/5/15 min) ${load()} at start`,
  );
  console.log(
    `network: ${process.env.FLINT_BENCH_IN_NETNS === '1' ? 'private namespace, loopback only' : 'host namespace (loopback addresses)'}`,
  );
  try {
    const { rows, phases, failures } = await bench();
    console.log(`\n${runs} runs, stages of ${stageSeconds} s; "both sides" = the later of the two pages; n = calls that succeeded.\n`);
    console.log(table(rows));
    console.log(`\n${shareOfFresh(rows.slice(2), rows[1]!)}`);
    console.log(`\n${phaseTable(phases)}`);
    console.log(`\nload average ${load()} at the end; wall time ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (failures.length === 0) return 0;
    console.error(`\n${failures.length} call(s) failed:\n${failures.map((f) => `- ${f}`).join('\n')}`);
    return 1;
  } catch (error) {
    console.error('bench:call failed:', error);
    return 1;
  } finally {
    await cleanUp();
  }
}

process.exit(await main());
