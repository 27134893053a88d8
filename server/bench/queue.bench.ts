/**
 * `npm run bench:queue` (also part of `npm run bench`): live-queue matchmaking with 10,000 users, on
 * PGlite and on PostgreSQL, through the queue service's own functions (the socket layer is measured
 * by the fan-out bench). Two scenarios per database:
 *
 * - arrivals: every user calls `join` (BENCH_QUEUE_CONCURRENCY at a time, default 32); each join pairs
 *   with whoever waits, in the same transaction that creates the live session.
 * - backlog: 10,000 tickets already waiting (as if their joins had all raced past each other), drained
 *   by `sweep()`, the loop every node runs.
 *
 * Figures: pairs per second (wall clock) and join → matched latency p50/p99 (from a user's join, or
 * its ticket's insert for the backlog, to its `call:matched` push). PostgreSQL comes from
 * BENCH_DATABASE_URL or TEST_DATABASE_URL (a throwaway database is created and dropped); without
 * either it is skipped with a notice. Loopback only; exits non-zero past its deadline.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { createCallsService } from '../src/calls/calls.service.ts';
import { loadConfig } from '../src/config.ts';
import { type Db, prepareDb } from '../src/db/index.ts';
import { users } from '../src/db/schema.ts';
import { createLogger } from '../src/logger.ts';
import { insertTicket } from '../src/queue/queue.repository.ts';
import { createQueueService } from '../src/queue/queue.service.ts';
import { nowMs } from './clock.ts';
import { percentile } from './stats.ts';
import { throwawayPostgres } from './throwaway-pg.ts';

const USERS = Number(process.env.BENCH_QUEUE_USERS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_QUEUE_CONCURRENCY ?? 32);
const DEADLINE_MS = 15 * 60_000;

interface Figures {
  pairs: number;
  seconds: number;
  p50: number;
  p99: number;
}

/** A queue service over `db` whose pushes only record when each user heard `call:matched`. */
function harness(db: Db) {
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  const logger = createLogger('silent');
  const matchedAt = new Map<string, number>();
  const emit = (to: string, event: string) => {
    if (event === 'call:matched') matchedAt.set(to, nowMs());
  };
  const ports = { emit, hasSockets: async () => true, now: Date.now };
  // No timers: nothing here runs a deadline (the bench measures pairing only).
  const calls = createCallsService({
    db,
    timing: config.timing,
    options: { prepareTimeoutS: 60 },
    ports: { ...ports, armTimer: () => undefined, notify: () => undefined, tabConnected: async () => true },
  });
  const queue = createQueueService({
    db,
    nodeId: 'bench',
    repairHours: 24,
    calls,
    ports,
    logger,
  });
  return { queue, matchedAt };
}

async function freshUsers(db: Db, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < USERS; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, USERS - i) }, (_, k) => ({
      username: `${tag}_${i + k}`,
      displayName: 'bench',
      bio: '',
    }));
    ids.push(...(await db.orm.insert(users).values(batch).returning({ id: users.id })).map((r) => r.id));
  }
  return ids;
}

function figures(startedAt: Map<string, number>, matchedAt: Map<string, number>, t0: number): Figures {
  // Only this scenario's users (a PostgreSQL database is reused: one earlier waiter may be left).
  const mine = [...matchedAt].filter(([id]) => startedAt.has(id));
  const latencies = mine.map(([id, at]) => at - startedAt.get(id)!).sort((a, b) => a - b);
  const lastMatch = Math.max(...mine.map(([, at]) => at));
  return { pairs: mine.length / 2, seconds: (lastMatch - t0) / 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function arrivals(db: Db): Promise<Figures> {
  const { queue, matchedAt } = harness(db);
  const ids = await freshUsers(db, `arrive${randomBytes(3).toString('hex')}`);
  const startedAt = new Map<string, number>();
  let next = 0;
  const t0 = nowMs();
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      startedAt.set(id, nowMs());
      await queue.join(id, `bench-${id}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  while ((await queue.sweep()) > 0); // racing joiners that each found nobody
  return figures(startedAt, matchedAt, t0);
}

async function backlog(db: Db): Promise<Figures> {
  const { queue, matchedAt } = harness(db);
  const ids = await freshUsers(db, `backlog${randomBytes(3).toString('hex')}`);
  const startedAt = new Map<string, number>();
  for (const id of ids) {
    startedAt.set(id, nowMs());
    await insertTicket(db.orm, { userId: id, nodeId: 'bench', socketId: `bench-${id}` });
  }
  const t0 = nowMs();
  while ((await queue.sweep()) > 0);
  // Latency counts from the moment the whole backlog was in, not from each insert.
  for (const id of ids) startedAt.set(id, t0);
  return figures(startedAt, matchedAt, t0);
}

async function run(label: string, open: () => Promise<Db>, rows: string[]) {
  for (const [scenario, fn] of [
    ['arrivals', arrivals],
    ['backlog', backlog],
  ] as const) {
    const db = await open();
    try {
      console.log(`${label}: ${scenario} …`);
      const f = await fn(db);
      rows.push(
        `| ${label} | ${scenario} | ${f.pairs.toLocaleString('en-US')} | ${f.seconds.toFixed(1)} | ${Math.round(f.pairs / f.seconds).toLocaleString('en-US')} | ${f.p50.toFixed(1)} | ${f.p99.toFixed(1)} |`,
      );
    } finally {
      await db.close();
    }
  }
}

async function main() {
  const timer = setTimeout(() => {
    console.error(`bench: still running after ${DEADLINE_MS / 1000} s, giving up`);
    process.exit(1);
  }, DEADLINE_MS);
  timer.unref();
  console.log(`command: npm run bench:queue (BENCH_QUEUE_USERS=${USERS}, BENCH_QUEUE_CONCURRENCY=${CONCURRENCY})`);
  console.log(`date:    ${new Date().toISOString()}`);
  console.log(`machine: ${cpus().length} cores, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at start`);
  const rows = [
    '| database | scenario | pairs | seconds | pairs / s | join → matched p50 (ms) | p99 (ms) |',
    '| -------- | -------- | ----: | ------: | --------: | ----------------------: | -------: |',
  ];
  await run('PGlite', () => prepareDb({ pgliteDir: 'memory://' }), rows);
  const pgDb = await throwawayPostgres();
  if (pgDb) {
    try {
      await run('PostgreSQL', () => prepareDb({ databaseUrl: pgDb.url, pgliteDir: 'memory://' }), rows);
    } finally {
      await pgDb.drop();
    }
  } else {
    console.log('NOTICE: BENCH_DATABASE_URL / TEST_DATABASE_URL not set: PostgreSQL SKIPPED.');
  }
  console.log(`\n${rows.join('\n')}`);
  console.log(`\nload average ${loadavg()[0]!.toFixed(1)} at the end`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
