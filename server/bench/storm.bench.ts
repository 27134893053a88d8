/**
 * `npm run bench:storm`: a reconnect storm. N websocket clients (client workers in their own
 * processes) connect to a server; the server then ends every transport at once, the way a node
 * shutting down or restarting does (app.ts dropLocalSockets: "transport close"), and every client
 * reconnects at once (socket.io's own reconnection after 25–75 ms, backing off only when an
 * attempt fails; storm-worker.ts). Measured until
 * every client is back (its socket's 'connect': authenticated, connect hooks done) and, on the
 * server, that many sockets are connected and, for Flint, presence holds exactly one row per live
 * socket and none of the old ones. Bare socket.io (no auth, no database) beside Flint on PGlite and,
 * with BENCH_DATABASE_URL or TEST_DATABASE_URL, on PostgreSQL, in the same run; one server at a time
 * (each needs N ports and N descriptors), several storms each, the median reported.
 *
 * Options (flag or environment): --clients N | BENCH_CLIENTS (default 19,500: a process here may hold
 * at most 20,000 descriptors and the server needs a few beyond its sockets), --workers W |
 * BENCH_WORKERS (client processes, default 4), --storms K | BENCH_STORMS (default 3).
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { command, positiveInt } from './cli.ts';
import { nowMs } from './clock.ts';
import { Child } from './ipc.ts';
import { type Measured, sideBySide } from './stats.ts';
import type { StormServerReply, StormServerRequest, StormWorkerReply, StormWorkerRequest } from './storm-ipc.ts';
import { throwawayPostgres } from './throwaway-pg.ts';

interface Figures {
  connectMs: number;
  backMs: number[];
  settledMs: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function measure(name: string, env: Record<string, string>, clients: number, workers: number, storms: number): Promise<Figures> {
  const server = new Child<StormServerRequest, StormServerReply>('./storm-server.ts', `${name} server`, [], env);
  const clientWorkers: Child<StormWorkerRequest, StormWorkerReply>[] = [];
  try {
    const { baseUrl, auths } = await server.request({ type: 'start', clients }, 'started', 120_000);
    for (let i = 0; i < workers; i++) clientWorkers.push(new Child('./storm-worker.ts', `${name} clients #${i + 1}`));
    const share = Math.ceil(auths.length / workers);
    const started = nowMs();
    await Promise.all(
      clientWorkers.map((w, i) =>
        w.request({ type: 'connect', baseUrl, auths: auths.slice(i * share, (i + 1) * share) }, 'connected', 600_000),
      ),
    );
    const connectMs = nowMs() - started;
    await server.request({ type: 'settled', clients }, 'settled', 150_000);
    console.log(`  ${name}: ${clients} clients connected in ${Math.round(connectMs)} ms`);
    const figures: Figures = { connectMs, backMs: [], settledMs: [] };
    for (let storm = 1; storm <= storms; storm++) {
      await Promise.all(clientWorkers.map((w) => w.request({ type: 'arm' }, 'armed', 30_000)));
      const backs = clientWorkers.map((w) => w.request({ type: 'back' }, 'back', 200_000));
      const { droppedAt, dropped } = await server.request({ type: 'drop' }, 'dropped', 30_000);
      if (dropped !== clients) throw new Error(`${name}: dropped ${dropped} sockets, expected ${clients}`);
      const back = await Promise.all(backs);
      const settled = await server.request({ type: 'settled', clients }, 'settled', 150_000);
      const backMs = Math.max(...back.map((b) => b.lastBackAt)) - droppedAt;
      figures.backMs.push(backMs);
      figures.settledMs.push(Math.max(backMs, settled.at - droppedAt));
      console.log(
        `  ${name}: storm ${storm}: all back in ${Math.round(backMs)} ms, presence right at ${Math.round(settled.at - droppedAt)} ms`,
      );
    }
    return figures;
  } finally {
    await Promise.all(clientWorkers.map((w) => w.close({ type: 'close' })));
    await server.close({ type: 'close' });
  }
}

async function main() {
  const { values } = parseArgs({ options: { clients: { type: 'string' }, workers: { type: 'string' }, storms: { type: 'string' } } });
  const clients = positiveInt('--clients', values.clients, process.env.BENCH_CLIENTS, 19_500);
  const workers = positiveInt('--workers', values.workers, process.env.BENCH_WORKERS, 4);
  const storms = positiveInt('--storms', values.storms, process.env.BENCH_STORMS, 3);
  const watchdog = setTimeout(() => {
    console.error('bench: still running after 30 min, giving up');
    process.exit(1);
  }, 30 * 60_000);
  watchdog.unref();

  console.log(`command: ${command('server/bench/storm.bench.ts', ['BENCH_CLIENTS', 'BENCH_WORKERS', 'BENCH_STORMS'])}`);
  console.log(`date:    ${new Date().toISOString()}`);
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at start`,
  );
  console.log(
    `setup:   ${clients} websocket clients in ${workers} worker process(es), ${storms} storms per server, one server at a time\n`,
  );

  const columns = ['bare socket.io', 'Flint PGlite'];
  const results = [await measure('bare', { STORM_TARGET: 'bare' }, clients, workers, storms)];
  results.push(await measure('flint-pglite', {}, clients, workers, storms));
  const pgDb = await throwawayPostgres();
  if (pgDb) {
    try {
      results.push(await measure('flint-postgres', { STORM_DATABASE_URL: pgDb.url }, clients, workers, storms));
      columns.push('Flint PostgreSQL');
    } finally {
      await pgDb.drop();
    }
  } else {
    console.log('NOTICE: BENCH_DATABASE_URL / TEST_DATABASE_URL not set: PostgreSQL SKIPPED.');
  }
  const rows: Measured[] = [
    { label: 'connect all clients (ms)', values: results.map((r) => r.connectMs), digits: 0 },
    { label: 'storm: all back (ms, median)', values: results.map((r) => median(r.backMs)), digits: 0 },
    { label: 'storm: back + presence right (ms, median)', values: results.map((r) => median(r.settledMs)), digits: 0 },
  ];
  console.log(
    `\n${sideBySide(
      columns,
      columns.slice(1).map((c) => `${c.replace('Flint ', '')} / bare`),
      rows,
    )}`,
  );
  console.log(`\nload average ${loadavg()[0]!.toFixed(1)} at the end`);
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
