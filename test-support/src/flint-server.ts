/**
 * Browser side of flint-server-plugin.mjs: the real server's URL, logins, REST calls and what the
 * server saw, through same-origin `/__flint/*` endpoints.
 */
import type { LoginResult, PublicUser, SwipeResult } from '@flint/shared';

async function call<T>(name: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`/__flint/${name}`, { method: 'POST', body: JSON.stringify(input) });
  const body = (await res.json()) as T & { error?: string };
  if (body && typeof body === 'object' && 'error' in body) throw new Error(`/__flint/${name}: ${body.error}`);
  return body;
}

export type TestUser = PublicUser & { token: string };

export const serverUrl = async () => (await call<{ url: string }>('server')).url;
/** A real server speaking a newer wire protocol MAJOR than this build: it refuses every page as outdated. */
export const newerServerUrl = async () => (await call<{ url: string }>('newerServer')).url;
export const login = (username: string) => call<LoginResult>('login', { username });
export const freshUser = (prefix = 'rt') => call<TestUser>('user', { prefix });
export const api = <T = unknown>(method: string, path: string, opts: { token?: string; body?: unknown } = {}) =>
  call<{ status: number; body: T }>('api', { method, path, ...opts });

export interface ServerSockets {
  /** Connections the server ever accepted for this user. */
  connections: number;
  /** Sockets of this user connected right now. */
  live: Array<{ id: string; transport: string }>;
}
export const serverSockets = (userId: string) => call<ServerSockets>('sockets', { userId });
/** Cuts this user's transports on the server, like a network drop. */
export const dropConnections = (userId: string) => call<{ ok: true }>('drop', { userId });
/** Disconnects this user's sockets on purpose on the server ("io server disconnect"). */
export const kickConnections = (userId: string) => call<{ ok: true }>('kick', { userId });

/** Two fresh users who liked each other: a match and a conversation, as the swipe page makes them. */
export async function matchedPair(prefix = 'pair'): Promise<{ a: TestUser; b: TestUser; conversationId: string }> {
  const [a, b] = await Promise.all([freshUser(`${prefix}a`), freshUser(`${prefix}b`)]);
  await api('POST', '/api/swipes', { token: a.token, body: { targetId: b.id, like: true } });
  const res = await api<SwipeResult>('POST', '/api/swipes', { token: b.token, body: { targetId: a.id, like: true } });
  if (!res.body.match) throw new Error(`no match: ${JSON.stringify(res)}`);
  return { a, b, conversationId: res.body.match.conversationId };
}
