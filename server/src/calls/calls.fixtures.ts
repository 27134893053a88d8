/**
 * Test fixtures for calls: an app with only auth + calls and short timings, fresh matched pairs
 * (so tests sharing an app never see each other's calls), and a recorder of every call:* event a
 * socket receives, to assert order and "received nothing".
 */
import type { AckData, ClientEventName, PushPayload, RequestPayload, ServerEventName } from '@flint/shared';
import type { FlintModule } from '../app-context.ts';
import { authModule } from '../auth/auth.routes.ts';
import { conversations, matches } from '../db/schema.ts';
import { type ClientSocket, createTestApp, type DbKind, type TestApp, waitFor } from '../test-support/harness.ts';
import { installCalls } from './calls.handlers.ts';
import type { CallsOptions } from './calls.options.ts';

export const TEST_ENV = {
  FLINT_STAGE_PLAN: 'audio:1,video:1,video:1',
  FLINT_RING_TIMEOUT_S: '1',
  FLINT_DECISION_TIMEOUT_S: '1',
  FLINT_RECONNECT_GRACE_S: '2',
  FLINT_RATE_LIMIT_PER_S: '10000',
};

export const callsTestModules = (options: Partial<CallsOptions> = {}): FlintModule[] => [
  authModule,
  (ctx) => installCalls(ctx, { prepareTimeoutS: 60, ...options }),
];

export function createCallsTestApp(dbKind: DbKind, opts: { env?: Record<string, string>; options?: Partial<CallsOptions> } = {}) {
  return createTestApp({ dbKind, modules: callsTestModules(opts.options), env: { ...TEST_ENV, ...opts.env } });
}

export interface Recorder {
  /** Every call:* event received, in order, as [event, payload]. */
  events: Array<[string, unknown]>;
  names(): string[];
  /** The first `event` received, typed by the contract. */
  first<E extends ServerEventName>(event: E): PushPayload<E> | undefined;
}

export function record(socket: ClientSocket): Recorder {
  const events: Array<[string, unknown]> = [];
  socket.onAny((event: string, payload: unknown) => {
    if (event.startsWith('call:')) events.push([event, payload]);
  });
  return {
    events,
    names: () => events.map(([e]) => e),
    first: <E extends ServerEventName>(event: E) => events.find(([e]) => e === event)?.[1] as PushPayload<E> | undefined,
  };
}

export interface Person {
  id: string;
  token: string;
  socket: ClientSocket;
  rec: Recorder;
}

export interface CallPair {
  matchId: string;
  conversationId: string;
  caller: Person;
  callee: Person;
}

export async function person(
  t: TestApp,
  user: { id: string; token: string },
  options?: Parameters<TestApp['connect']>[1],
): Promise<Person> {
  const socket = await t.connect(user.token, options);
  return { id: user.id, token: user.token, socket, rec: record(socket) };
}

export async function createCallPair(t: TestApp): Promise<CallPair> {
  const [ua, ub] = [await t.createUser('caller'), await t.createUser('callee')];
  const [userA, userB] = ua.id < ub.id ? [ua.id, ub.id] : [ub.id, ua.id];
  const [match] = await t.app.db.orm.insert(matches).values({ userA, userB }).returning();
  const [conversation] = await t.app.db.orm.insert(conversations).values({ matchId: match!.id }).returning();
  return { matchId: match!.id, conversationId: conversation!.id, caller: await person(t, ua), callee: await person(t, ub) };
}

/** Emits and asserts the ack is ok; returns its data. */
export async function ok<E extends ClientEventName>(
  t: TestApp,
  socket: ClientSocket,
  event: E,
  payload: RequestPayload<E>,
): Promise<AckData<E>> {
  const ack = await t.emit(socket, event, payload);
  if (!ack.ok) throw new Error(`${event} failed: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

/** Rings and answers: resolves once both sides have `call:prepare` for stage 1. */
export async function connectCall(t: TestApp, pair: CallPair): Promise<string> {
  const invited = waitFor(pair.callee.socket, 'call:invite');
  const { sessionId } = await ok(t, pair.caller.socket, 'call:request', { matchId: pair.matchId });
  await invited;
  const prepared = Promise.all([waitFor(pair.caller.socket, 'call:prepare'), waitFor(pair.callee.socket, 'call:prepare')]);
  await ok(t, pair.callee.socket, 'call:respond', { sessionId, accept: true });
  await prepared;
  return sessionId;
}

/** Both gates pass for `stage`: resolves with both `call:stage-started` payloads. */
export async function startStage(t: TestApp, pair: CallPair, sessionId: string, stage: number) {
  const started = Promise.all([waitFor(pair.caller.socket, 'call:stage-started'), waitFor(pair.callee.socket, 'call:stage-started')]);
  await ok(t, pair.caller.socket, 'call:ready', { sessionId, stage });
  await ok(t, pair.callee.socket, 'call:ready', { sessionId, stage });
  return started;
}

/** Both vote on the intermission after `stage`. */
export async function voteBoth(t: TestApp, pair: CallPair, sessionId: string, stage: number, caller: boolean, callee: boolean) {
  await ok(t, pair.caller.socket, 'call:vote', { sessionId, stage, proceed: caller });
  await ok(t, pair.callee.socket, 'call:vote', { sessionId, stage, proceed: callee });
}
