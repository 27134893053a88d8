/**
 * Test fixtures for the live queue and safety: an app with auth, users, swipes, calls, queue and
 * safety (short timings, a fast sweeper), a handle on its queue service, and fresh queue users with
 * a connected socket each.
 */
import { sql } from 'drizzle-orm';
import type { FlintModule } from '../app-context.ts';
import { authModule } from '../auth/auth.routes.ts';
import { type Person, record } from '../calls/calls.fixtures.ts';
import { installCalls } from '../calls/calls.handlers.ts';
import type { Db } from '../db/index.ts';
import { safetyModule } from '../safety/safety.handlers.ts';
import { swipesModule } from '../swipes/swipes.routes.ts';
import { type ClientSocket, createTestApp, type DbKind, EVENT_TIMEOUT_MS, type TestApp } from '../test-support/harness.ts';
import { usersModule } from '../users/users.routes.ts';
import { installQueue } from './queue.handlers.ts';
import type { QueueOptions } from './queue.options.ts';
import type { QueueService } from './queue.service.ts';

export const QUEUE_TEST_ENV = {
  FLINT_LIVE_PLAN: 'video:1',
  FLINT_STAGE_PLAN: 'audio:30,video:30',
  FLINT_RING_TIMEOUT_S: '30',
  FLINT_DECISION_TIMEOUT_S: '1',
  FLINT_RECONNECT_GRACE_S: '2',
  FLINT_RATE_LIMIT_PER_S: '10000',
};

export interface QueueTestApp extends TestApp {
  queue: QueueService;
}

export async function createQueueTestApp(
  dbKind: DbKind,
  opts: { options?: Partial<QueueOptions>; databaseUrl?: string; db?: Db; env?: Record<string, string> } = {},
): Promise<QueueTestApp> {
  let queue: QueueService | undefined;
  const options: QueueOptions = {
    repairHours: 24,
    sweepMs: 100,
    presenceMs: 60_000,
    ...opts.options,
  };
  const modules: FlintModule[] = [
    authModule,
    usersModule,
    swipesModule,
    (ctx) => installCalls(ctx, { prepareTimeoutS: 60 }),
    async (ctx) => {
      queue = await installQueue(ctx, options);
    },
    safetyModule,
  ];
  const t = await createTestApp({ dbKind, modules, databaseUrl: opts.databaseUrl, db: opts.db, env: { ...QUEUE_TEST_ENV, ...opts.env } });
  return Object.assign(t, { queue: queue! });
}

/** A fresh user with one connected socket recording its call:* events. */
export async function queuer(t: TestApp, prefix = 'q'): Promise<Person> {
  const user = await t.createUser(prefix);
  const socket = await t.connect(user.token);
  return { id: user.id, token: user.token, socket, rec: record(socket) };
}

/** The user's tickets, oldest first, as [status, sessionId]. */
export async function ticketsOf(t: TestApp, userId: string): Promise<Array<[string, string | null]>> {
  const { rows } = await t.app.db.orm.execute<{ status: string; session_id: string | null }>(
    sql`SELECT status, session_id FROM queue_tickets WHERE user_id = ${userId} ORDER BY joined_at`,
  );
  return rows.map((r) => [r.status, r.session_id]);
}

/**
 * Resolves once the server has run every disconnect hook for `socket` (the queue's among them): a
 * hook registered now runs after those, one socket at a time. Call before `socket.disconnect()`.
 */
export function disconnectHandled(t: TestApp, socket: ClientSocket): Promise<void> {
  const id = socket.id;
  return new Promise((resolve) =>
    t.app.ctx.onDisconnect((s) => {
      if (s.id === id) resolve();
    }),
  );
}

/** Polls `check` until it holds (the server side of a disconnect runs just after the socket is gone). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = EVENT_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
