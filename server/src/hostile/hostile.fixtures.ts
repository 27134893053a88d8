/**
 * Fixtures for the hostile-client suite: the whole app (every default module), fresh people with a
 * recorded socket, a matched pair with a conversation, a live call in its stage, and a snapshot of
 * every table a client can change, so each attack asserts "nothing changed" by reading it back.
 */
import assert from 'node:assert/strict';
import type { Ack } from '@flint/shared';
import { sql } from 'drizzle-orm';
import { type Person, record } from '../calls/calls.fixtures.ts';
import { conversations, matches } from '../db/schema.ts';
import { createTestApp, type TestApp, waitFor } from '../test-support/harness.ts';

export const HOSTILE_ENV = {
  // A live stage long enough that nothing times out while an attack runs.
  FLINT_LIVE_PLAN: 'video:600',
  FLINT_STAGE_PLAN: 'audio:600,video:600',
  FLINT_RING_TIMEOUT_S: '600',
  FLINT_RATE_LIMIT_PER_S: '10000',
};

export const createHostileApp = (env: Record<string, string> = {}) => createTestApp({ env: { ...HOSTILE_ENV, ...env } });

export async function newPerson(t: TestApp, prefix = 'h'): Promise<Person> {
  const user = await t.createUser(prefix);
  const socket = await t.connect(user.token);
  return { id: user.id, token: user.token, socket, rec: record(socket) };
}

export interface MatchedPair {
  matchId: string;
  conversationId: string;
  a: Person;
  b: Person;
}

export async function matchedPair(t: TestApp): Promise<MatchedPair> {
  const [a, b] = [await newPerson(t, 'ma'), await newPerson(t, 'mb')];
  const [userA, userB] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
  const [match] = await t.app.db.orm.insert(matches).values({ userA, userB }).returning();
  const [conversation] = await t.app.db.orm.insert(conversations).values({ matchId: match!.id }).returning();
  return { matchId: match!.id, conversationId: conversation!.id, a, b };
}

/** Two fresh people paired by the live queue, their stage started. */
export async function liveCall(t: TestApp): Promise<{ a: Person; b: Person; sessionId: string }> {
  const [a, b] = [await newPerson(t, 'la'), await newPerson(t, 'lb')];
  await accepted(t.emit(a.socket, 'queue:join', {}));
  const prepared = Promise.all([waitFor(a.socket, 'call:prepare'), waitFor(b.socket, 'call:prepare')]);
  const joined = await accepted(t.emit(b.socket, 'queue:join', {}));
  assert.equal(joined.status, 'matched');
  const sessionId = joined.sessionId!;
  await prepared;
  const started = Promise.all([waitFor(a.socket, 'call:stage-started'), waitFor(b.socket, 'call:stage-started')]);
  await accepted(t.emit(a.socket, 'call:ready', { sessionId, stage: 1 }));
  await accepted(t.emit(b.socket, 'call:ready', { sessionId, stage: 1 }));
  await started;
  return { a, b, sessionId };
}

/** The data of an ok ack (fails the test otherwise). */
export async function accepted<T>(ack: Promise<Ack<T>>): Promise<T> {
  const result = await ack;
  assert.ok(result.ok, `expected ok, got ${JSON.stringify(result)}`);
  return result.data;
}

/** Asserts an ack is a refusal with exactly this code. */
export function assertRefused(ack: Ack<unknown>, code: string, message?: RegExp): void {
  assert.equal(ack.ok, false, `expected a refusal with ${code}, got ${JSON.stringify(ack)}`);
  if (ack.ok) return;
  assert.equal(ack.error.code, code, JSON.stringify(ack.error));
  if (message) assert.match(ack.error.message, message);
}

/** Every table a client request can write (presence rows follow sockets, not requests: left out). */
const TABLES = [
  'users',
  'swipes',
  'matches',
  'conversations',
  'messages',
  'conversation_reads',
  'blocks',
  'settings',
  'call_sessions',
  'call_participants',
  'call_consents',
  'call_deadlines',
  'call_quality',
  'queue_tickets',
  'live_encounters',
  'reports',
  'user_identities',
  'push_subscriptions',
] as const;

/** Every row of every client-writable table, as text: equal snapshots mean nothing changed. */
export async function snapshot(t: TestApp): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const { rows } = await t.app.db.orm.execute<{ row: string }>(
      sql`SELECT to_jsonb(x)::text AS row FROM ${sql.identifier(table)} x ORDER BY 1`,
    );
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

/** A request round trip on the person's socket: whatever the server sent before it has arrived. */
export async function heardAll(t: TestApp, p: Person): Promise<void> {
  await t.emit(p.socket, 'presence:query', { userIds: [] });
}
