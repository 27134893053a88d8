/**
 * `npm run bench:chat` (also part of `npm run bench`): chat send → receive latency and messages per
 * second for 1,000 concurrent conversations (2,000 users, each conversation a matched pair), on the
 * real Flint server with durable storage (PGlite, and PostgreSQL when BENCH_DATABASE_URL or
 * TEST_DATABASE_URL is set: a throwaway database is created and dropped) side by side in the same
 * run with a bare socket.io relay of the same version without storage. Every server and every
 * client worker is its own process; rounds alternate between the servers. Prints the command, the
 * date and a table with the ratios to bare. Exits non-zero when a message is lost, duplicated, out
 * of order or refused, or the run overstays its deadline.
 *
 * Options (flag or environment): --pairs N | BENCH_CHAT_PAIRS (conversations, default 1000),
 * --messages M | BENCH_CHAT_MESSAGES (per conversation per round, default 3), --rounds K |
 * BENCH_CHAT_ROUNDS (default 3, after one warm-up round of 1 message).
 */

import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { SEND_STEPS } from './chat-steps.ts';
import { type ChatResult, ChatTarget } from './chat-target.ts';
import { command, positiveInt } from './cli.ts';
import { type Measured, sideBySide } from './stats.ts';

/**
 * One message per conversation warms the JIT, the prepared statements and the PostgreSQL pool. The
 * defaults (3 messages × 3 rounds: each conversation goes A → B → A per round) keep the whole run
 * near 3 minutes even at load average 18 on 2 cores, where PGlite stores ~200 messages/s.
 */
const WARMUP_MESSAGES = 1;
/** Quiet time after the last round in which a late duplicate would still be caught. */
const SETTLE_MS = 500;

function options() {
  const { values } = parseArgs({ options: { pairs: { type: 'string' }, messages: { type: 'string' }, rounds: { type: 'string' } } });
  return {
    pairs: positiveInt('--pairs', values.pairs, process.env.BENCH_CHAT_PAIRS, 1000),
    messages: positiveInt('--messages', values.messages, process.env.BENCH_CHAT_MESSAGES, 3),
    rounds: positiveInt('--rounds', values.rounds, process.env.BENCH_CHAT_ROUNDS, 3),
  };
}

/** A fresh database on the BENCH_DATABASE_URL (or TEST_DATABASE_URL) server, or null without either. */
async function throwawayPostgres(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) return null;
  // The tests' helper creates it on TEST_DATABASE_URL's server, which it reads when first imported.
  process.env.TEST_DATABASE_URL = base;
  const { createThrowawayDatabase } = await import('../src/test-support/databases.ts');
  return createThrowawayDatabase();
}

function rows(results: ChatResult[]): Measured[] {
  const row = (label: string, pick: (r: ChatResult) => number, digits: number): Measured => ({ label, values: results.map(pick), digits });
  return [
    row('connect all clients (ms)', (r) => r.connectMs, 0),
    row('send → receive p50 (ms)', (r) => r.latencyP50, 2),
    row('send → receive p99 (ms)', (r) => r.latencyP99, 2),
    row('send → receive max (ms)', (r) => r.latencyMax, 2),
    row('send → ack p50 (ms)', (r) => r.ackP50, 2),
    row('messages / s', (r) => r.messagesPerSecond, 0),
  ];
}

/** Per-step means (one column per Flint target), their sum, and the server time per message in the rounds. */
function stepRows(steps: number[][], results: ChatResult[]): Measured[] {
  return [
    ...SEND_STEPS.map((label, k) => ({ label: `${label} (ms)`, values: steps.map((s) => s[k]!), digits: 2 })),
    { label: 'sum of the steps (ms)', values: steps.map((s) => s.reduce((a, b) => a + b, 0)), digits: 2 },
    { label: 'rounds: 1 / (messages / s) (ms)', values: results.map((r) => 1000 / r.messagesPerSecond), digits: 2 },
  ];
}

async function main() {
  const opts = options();
  let database: Awaited<ReturnType<typeof throwawayPostgres>> = null;
  // A guard against a hang, not a speed limit: every round has its own timeout. Under the load seen
  // here (load average 5–20 on 2 cores) the default size takes 2–4 minutes; BENCH_CHAT_DEADLINE_S
  // gives a heavily shared machine more room.
  const deadlineMs =
    Number(process.env.BENCH_CHAT_DEADLINE_S ?? 0) * 1000 || 60_000 + opts.pairs * (WARMUP_MESSAGES + opts.messages * opts.rounds) * 20;
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${deadlineMs / 1000} s, giving up`);
    // The children exit with us (their IPC channel closes); the throwaway database would not.
    void Promise.race([database?.drop(), sleep(5_000)]).finally(() => process.exit(1));
  }, deadlineMs);
  watchdog.unref();

  console.log(`command: ${command('server/bench/chat.bench.ts', ['BENCH_CHAT_PAIRS', 'BENCH_CHAT_MESSAGES', 'BENCH_CHAT_ROUNDS'])}`);
  console.log(`date:    ${new Date().toISOString()}`);
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${process.platform}, load average ${loadavg()[0]!.toFixed(1)} at start`,
  );
  console.log(
    `setup:   ${opts.pairs} conversations (${2 * opts.pairs} websocket clients) per server, ${opts.messages} messages per conversation per round, ${opts.rounds} rounds (+1 warm-up of ${WARMUP_MESSAGES}), alternating servers`,
  );
  database = await throwawayPostgres();
  if (!database) console.log('NOTICE: BENCH_DATABASE_URL / TEST_DATABASE_URL not set: Flint on PostgreSQL SKIPPED.');
  const flint = [
    new ChatTarget('Flint PGlite', './chat-flint-server.ts'),
    ...(database ? [new ChatTarget('Flint PostgreSQL', './chat-flint-server.ts', database.url)] : []),
  ];
  const targets = [new ChatTarget('bare socket.io', './chat-bare-server.ts'), ...flint];
  const steps: number[][] = [];
  try {
    for (const t of targets) {
      console.log(`${t.name}: starting, ${opts.pairs} conversations …`);
      await t.start(opts.pairs);
      console.log(`${t.name}: connecting ${2 * opts.pairs} clients …`);
      await t.connect();
    }
    console.log('rounds …');
    for (let round = 0; round <= opts.rounds; round++) {
      // Rotate who goes first each round, so background load and order effects fall on all alike.
      const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
      const messages = round === 0 ? WARMUP_MESSAGES : opts.messages;
      for (const t of order) {
        const ms = await t.round(round + 1, messages, round > 0);
        console.log(
          `  ${round === 0 ? 'warm-up' : `round ${round}`}: ${t.name}, ${(messages * opts.pairs).toLocaleString('en-US')} messages in ${(ms / 1000).toFixed(1)} s`,
        );
      }
    }
    await sleep(SETTLE_MS);
    for (const t of targets) await t.verify();
    console.log('timing the storage steps of a send …');
    for (const t of flint) steps.push(await t.steps());
  } finally {
    await Promise.all(targets.map((t) => t.close()));
    await database?.drop();
  }
  const results = targets.map((t) => t.result());
  const names = targets.map((t) => t.name);
  const ratios = names.slice(1).map((n) => `${n.replace('Flint ', '')} / bare`);
  console.log(`\n${sideBySide(names, ratios, rows(results))}`);
  console.log(
    `\n${sideBySide(
      flint.map((t) => t.name),
      [],
      stepRows(steps, results.slice(1)),
    )}`,
  );
  console.log(
    `\nevery message arrived exactly once, in order (${(opts.pairs * opts.messages * opts.rounds).toLocaleString('en-US')} counted per server)`,
  );
  console.log(`load average ${loadavg()[0]!.toFixed(1)} at the end (other work on the machine shows up in every column alike)`);
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
