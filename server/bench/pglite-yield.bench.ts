/**
 * `npm run bench:pglite`: how long the event loop stalls while PGlite runs a burst of concurrent
 * queries. The same burst (N concurrent "sends": a select, an insert and a count each) runs on
 * Flint's PGlite (`openDb`, queries taking turns with the event loop) and on a bare PGlite with the
 * same driver (drizzle) and no turns, in one process, alternating rounds. A 10 ms interval measures
 * the longest gap between its ticks. Prints the command, the date and the load average.
 *
 * Options: BENCH_PGLITE_SENDS (default 1000), BENCH_PGLITE_ROUNDS (default 3).
 */
import { loadavg } from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { openDb } from '../src/db/client.ts';

const SENDS = Number(process.env.BENCH_PGLITE_SENDS ?? 1000);
const ROUNDS = Number(process.env.BENCH_PGLITE_ROUNDS ?? 3);

type Exec = (query: ReturnType<typeof sql>) => Promise<unknown>;

async function burst(execute: Exec, round: number): Promise<{ elapsedMs: number; maxGapMs: number }> {
  let last = performance.now();
  let maxGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  last = started;
  await Promise.all(
    Array.from({ length: SENDS }, async (_, i) => {
      await execute(sql`select id from bench_messages where client_id = ${`r${round}-${i}`}`);
      await execute(sql`insert into bench_messages (client_id, body) values (${`r${round}-${i}`}, ${`message ${i}`})`);
      await execute(sql`select count(*) from bench_messages`);
    }),
  );
  const elapsedMs = performance.now() - started;
  clearInterval(ticker);
  return { elapsedMs, maxGapMs: Math.max(maxGap, performance.now() - last) };
}

const TABLE = sql`create table bench_messages (id serial primary key, client_id text not null, body text not null)`;

const flintDb = await openDb({ pgliteDir: 'memory://' });
await flintDb.orm.execute(TABLE);
const bare = new PGlite('memory://');
const bareOrm = drizzle(bare);
await bareOrm.execute(TABLE);

const targets: Array<[string, Exec]> = [
  ['flint (turns)', (q) => flintDb.orm.execute(q)],
  ['bare PGlite', (q) => bareOrm.execute(q)],
];
const results = new Map<string, Array<{ elapsedMs: number; maxGapMs: number }>>(targets.map(([name]) => [name, []]));
const load = [loadavg()[0]!.toFixed(1)];
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, execute] of round % 2 ? [...targets].reverse() : targets) results.get(name)!.push(await burst(execute, round));
}
load.push(loadavg()[0]!.toFixed(1));
await flintDb.close();
await bare.close();

console.log(`command: npm run bench:pglite (BENCH_PGLITE_SENDS=${SENDS}, BENCH_PGLITE_ROUNDS=${ROUNDS})`);
console.log(`date: ${new Date().toISOString()}; load average ${load.join(' → ')}`);
console.log('| target | burst ms (each round) | longest gap ms (each round) | longest gap / burst |');
console.log('| --- | --- | --- | --- |');
for (const [name, runs] of results) {
  const share = Math.max(...runs.map((r) => r.maxGapMs / r.elapsedMs));
  const list = (f: (r: { elapsedMs: number; maxGapMs: number }) => number) => runs.map((r) => Math.round(f(r))).join(', ');
  console.log(`| ${name} | ${list((r) => r.elapsedMs)} | ${list((r) => r.maxGapMs)} | ≤ ${(share * 100).toFixed(0)} % |`);
}
