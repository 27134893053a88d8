/**
 * Server test harness: the REAL app on an ephemeral port, on PGlite or PostgreSQL, with real
 * socket.io-client sockets. Chat and call tests reuse it:
 *
 *   const t = await createTestApp({ dbKind: 'pglite' });
 *   const ava = await t.login('ava');              // { token, user }
 *   const socket = await t.connect(ava.token);     // resolves once connected
 *   const ack = await t.emit(socket, 'presence:query', { userIds: [] });
 *   const res = await t.api('GET', '/api/me', { token: ava.token });   // { status, body }
 *   await t.close();
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Ack,
  type AckData,
  type ClientEventName,
  type ErrorBody,
  type LoginResult,
  PROTOCOL_VERSION,
  type PublicUser,
  type PushPayload,
  type ServerEventName,
} from '@flint/shared';
import { io as connectClient, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { createApp, type FlintApp } from '../app.ts';
import type { FlintModule } from '../app-context.ts';
import { type Config, loadConfig } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { Logger } from '../logger.ts';
import { insertUser } from '../users/users.repository.ts';
import { createThrowawayDatabase, type DbKind } from './databases.ts';

export { type DbKind, dbKinds } from './databases.ts';
export type ClientSocket = Socket;
/** Every REST failure's body. */
export type RestError = { error: ErrorBody };
/** The ack data of a contract event; unknown for anything else. */
type AckOf<E extends string> = E extends ClientEventName ? AckData<E> : unknown;

/** The Origin tests use for "a page on an allowed origin". */
export const ALLOWED_ORIGIN = 'http://allowed.flint.test';
/** The HS256 secret test apps sign with, so tests can forge or expire tokens on purpose. */
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface TestAppOptions {
  dbKind?: DbKind;
  /** Extra environment, as main.ts would read it (e.g. `{ FLINT_STAGE_PLAN: 'audio:1,video:1' }`). */
  env?: Record<string, string | undefined>;
  modules?: FlintModule[];
  /** Reuse another test app's database (a second node); only with dbKind 'postgres'. */
  databaseUrl?: string;
  /**
   * An open database the test owns (see `openTestDatabase`): the app uses it and leaves it open on
   * close, so a test can read what the app left behind after `app.close()`.
   */
  db?: Db;
  logger?: Logger;
  /** Pretend to be a server of another wire protocol version. */
  protocolVersion?: string;
}

export interface TestApp {
  app: FlintApp;
  config: Config;
  url: string;
  login(username: string): Promise<LoginResult>;
  /** Connects a socket with this token; rejects with the connect_error. Closed by `close()`. */
  connect(token: string | undefined, options?: Partial<ManagerOptions & SocketOptions>): Promise<ClientSocket>;
  /**
   * Sends any event with any payload (hostile tests send wrong ones) and resolves with its ack, typed
   * by the contract when the event is one of its names.
   */
  emit<E extends string>(socket: ClientSocket, event: E, payload?: unknown, timeoutMs?: number): Promise<Ack<AckOf<E>>>;
  api<T = unknown>(method: string, path: string, opts?: { token?: string; body?: unknown }): Promise<{ status: number; body: T }>;
  /** A fresh user (unique username) so tests sharing one app do not see each other's swipes. */
  createUser(prefix?: string): Promise<PublicUser & { token: string }>;
  /** Disconnects every socket this harness opened and waits until the server has let them go. */
  disconnectAll(): Promise<void>;
  close(): Promise<void>;
}

let userCounter = 0;

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dbKind = options.dbKind ?? 'pglite';
  const dataDir = mkdtempSync(join(tmpdir(), 'flint-test-'));
  const throwaway = dbKind === 'postgres' && !options.databaseUrl && !options.db ? await createThrowawayDatabase() : null;
  const config: Config = {
    ...loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      FLINT_DATA_DIR: dataDir,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      FLINT_ALLOWED_ORIGINS: ALLOWED_ORIGIN,
      FLINT_NODE_ID: `test-${process.pid}-${++userCounter}`,
      ...options.env,
    }),
    pgliteDir: 'memory://',
  };
  config.databaseUrl = dbKind === 'postgres' ? (options.databaseUrl ?? throwaway?.url) : undefined;

  const app = await createApp({
    config,
    db: options.db,
    modules: options.modules,
    logger: options.logger,
    protocolVersion: options.protocolVersion,
  });
  const url = await app.listen(0);
  const sockets = new Set<ClientSocket>();

  const api: TestApp['api'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  const disconnectAll = async () => {
    for (const socket of sockets) socket.disconnect();
    sockets.clear();
    const deadline = Date.now() + 3000;
    while (app.io.of('/').sockets.size > 0 && Date.now() < deadline) await sleep(20);
    await sleep(200); // disconnect hooks (presence rows) run just after the socket is gone
  };

  const login = async (username: string): Promise<LoginResult> => {
    const res = await api('POST', '/api/dev/login', { body: { username } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as LoginResult;
  };

  return {
    app,
    config,
    url,
    login,
    api,
    connect(token, socketOptions = {}) {
      const socket = connectClient(url, {
        auth: { ...(token === undefined ? {} : { token }), protocol: PROTOCOL_VERSION },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        ...socketOptions,
      });
      sockets.add(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (err) => reject(err));
      });
    },
    async emit<E extends string>(socket: ClientSocket, event: E, payload?: unknown, timeoutMs = EVENT_TIMEOUT_MS) {
      return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<AckOf<E>>;
    },
    async createUser(prefix = 'user') {
      const username = `${prefix}_${process.pid}_${++userCounter}`;
      const user = await insertUser(app.db.orm, { username, displayName: username, bio: '' });
      const { token } = await login(username);
      return { ...user, token };
    },
    disconnectAll,
    async close() {
      // Let the server see every client leave first: a socket the server closes itself waits up to
      // 30 s for a poll or close frame from a client that is already gone, keeping the process alive.
      await disconnectAll();
      await app.close();
      await throwaway?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * How long a test waits for something that must happen. Generous on purpose: CI shares two cores
 * with browsers and databases, and a wait that succeeds returns at once, so only a failure pays it.
 */
export const EVENT_TIMEOUT_MS = 10_000;

/** Resolves with the next `event` on `socket`, or rejects after `timeoutMs`. */
export function waitFor<E extends ServerEventName>(socket: ClientSocket, event: E, timeoutMs = EVENT_TIMEOUT_MS): Promise<PushPayload<E>> {
  // The untyped test socket takes a plain name; the payload type comes from the contract above.
  const name: string = event;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(name, onEvent);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for "${event}"`));
    }, timeoutMs);
    const onEvent = (payload: PushPayload<E>) => {
      clearTimeout(timer);
      resolve(payload);
    };
    socket.once(name, onEvent);
  });
}

/** Collects every `event` on `socket` from now on (e.g. to assert "exactly one"). */
export function collect<E extends ServerEventName>(socket: ClientSocket, event: E): PushPayload<E>[] {
  const seen: PushPayload<E>[] = [];
  const name: string = event;
  socket.on(name, (payload: PushPayload<E>) => seen.push(payload));
  return seen;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
