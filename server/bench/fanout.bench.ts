/**
 * `npm run bench`: notification fan-out of the real Flint server against a bare socket.io server of
 * the same version, same clients, same payload, in the same run. Prints the command, the date and
 * a table with the Flint / bare ratios. Exits non-zero when anything fails (a client that never got
 * its notification, a server that did not start) or the run overstays its deadline.
 *
 * Options (flag or environment): --clients N | BENCH_CLIENTS (default 2000), --rounds K |
 * BENCH_ROUNDS (default 20), --workers W | BENCH_WORKERS (client processes, default 1).
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { command, positiveInt } from './cli.ts';
import { type TargetResult, TargetRun } from './run-target.ts';
import { type Row, table } from './stats.ts';

const WARMUP_ROUNDS = 2;

interface RunOptions {
  clients: number;
  rounds: number;
  warmup: number;
  workers: number;
}

function options(): RunOptions {
  const { values } = parseArgs({
    options: { clients: { type: 'string' }, rounds: { type: 'string' }, workers: { type: 'string' } },
  });
  return {
    clients: positiveInt('--clients', values.clients, process.env.BENCH_CLIENTS, 2000),
    rounds: positiveInt('--rounds', values.rounds, process.env.BENCH_ROUNDS, 20),
    workers: positiveInt('--workers', values.workers, process.env.BENCH_WORKERS, 1),
    warmup: WARMUP_ROUNDS,
  };
}

function rows(bare: TargetResult, flint: TargetResult): Row[] {
  const kib = (b: number) => b / 1024;
  const row = (label: string, pick: (r: TargetResult) => number, digits: number): Row => ({
    label,
    bare: pick(bare),
    flint: pick(flint),
    digits,
  });
  return [
    row('connect all clients (ms)', (r) => r.connectMs, 0),
    row('heap per connection (KiB)', (r) => kib(r.heapPerConnBytes), 1),
    row('fan-out latency p50 (ms)', (r) => r.latencyP50, 2),
    row('fan-out latency p99 (ms)', (r) => r.latencyP99, 2),
    row('fan-out latency max (ms)', (r) => r.latencyMax, 2),
    row('server emit loop p50 (ms)', (r) => r.emitLoopP50, 2),
    row('notifications delivered / s', (r) => r.messagesPerSecond, 0),
  ];
}

async function main() {
  const opts = options();
  // The default size took 25–85 s here, depending on the machine's other load; 3.5 min is generous
  // yet bounded whatever happens.
  const deadlineMs = 90_000 + opts.clients * opts.rounds * 3;
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${deadlineMs / 1000} s, giving up`);
    process.exit(1);
  }, deadlineMs);
  watchdog.unref();

  console.log(`command: ${command('server/bench/fanout.bench.ts', ['BENCH_CLIENTS', 'BENCH_ROUNDS', 'BENCH_WORKERS'])}`);
  console.log(`date:    ${new Date().toISOString()}`);
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${process.platform}, load average ${loadavg()[0]!.toFixed(1)} at start`,
  );
  console.log(
    `setup:   ${opts.clients} websocket clients in ${opts.workers} worker process(es) per server, ${opts.rounds} rounds (+${opts.warmup} warm-up) per server, alternating; one notification per user per round\n`,
  );
  const bare = new TargetRun('bare', './bare-server.ts', opts.clients);
  const flint = new TargetRun('flint', './flint-server.ts', opts.clients);
  try {
    console.log('starting both servers …');
    await bare.start();
    await flint.start();
    console.log(`connecting ${opts.clients} clients to bare socket.io …`);
    await bare.connect(opts.workers);
    console.log(`connecting ${opts.clients} clients to Flint …`);
    await flint.connect(opts.workers);
    console.log('fan-out rounds …');
    // Alternate the servers round by round, swapping who goes first, so background load and
    // order effects fall on both alike.
    for (let round = 1; round <= opts.warmup + opts.rounds; round++) {
      const order = round % 2 ? [bare, flint] : [flint, bare];
      for (const target of order) await target.round(round, round > opts.warmup);
    }
  } finally {
    await Promise.all([bare.close(), flint.close()]);
  }
  console.log(`\n${table(rows(bare.result(), flint.result()))}`);
  console.log(`\nload average ${loadavg()[0]!.toFixed(1)} at the end (other work on the machine shows up in both columns alike)`);
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
