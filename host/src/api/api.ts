/** Typed REST calls to the server (same origin). Errors carry the server's code and message. */
import type {
  ConnectionMode,
  ConnectionStats,
  ConversationSummary,
  ErrorBody,
  Match,
  PublicUser,
  QualitySummary,
  RemoteConfig,
  RestBodies,
  SwipeResult,
} from '@flint/shared';
import { $session } from '../session/session.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const token = $session.get()?.token;
  const res = await fetch(path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = (json as { error?: ErrorBody } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'internal', err?.message ?? `Request failed (${res.status})`);
  }
  return json as T;
}

export const api = {
  config: () => call<RemoteConfig>('GET', '/api/config'),
  me: () => call<PublicUser>('GET', '/api/me'),
  updateProfile: (body: RestBodies['profileUpdate']) => call<PublicUser>('PATCH', '/api/me', body),
  deck: () => call<PublicUser[]>('GET', '/api/deck'),
  swipe: (body: RestBodies['swipe']) => call<SwipeResult>('POST', '/api/swipes', body),
  matches: () => call<Match[]>('GET', '/api/matches'),
  conversations: () => call<ConversationSummary[]>('GET', '/api/conversations'),
  stats: () => call<ConnectionStats>('GET', '/api/admin/stats'),
  callQuality: () => call<QualitySummary>('GET', '/api/admin/call-quality'),
  setConnectionMode: (mode: ConnectionMode) => call<{ mode: ConnectionMode }>('PUT', '/api/admin/connection-mode', { mode }),
};
