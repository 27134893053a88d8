/**
 * The signed-in user, one per browser: kept in localStorage, so every tab of the browser is signed
 * in as the same person (a new tab too), and followed across tabs through the `storage` event, so
 * signing in or out in one tab does the same in the others. Different people use different
 * browsers (tests: one browser context per user). `?as=<username>` signs in through the dev login.
 */

import type { LoginResult, PublicUser } from '@flint/shared';
import { atom } from 'nanostores';

export const SESSION_KEY = 'flint.session';

export interface Session {
  token: string;
  user: PublicUser;
}

function parse(raw: string | null): Session | null {
  try {
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function restore(): Session | null {
  try {
    return parse(localStorage.getItem(SESSION_KEY));
  } catch {
    return null;
  }
}

export const $session = atom<Session | null>(restore());

$session.listen((s) => {
  // Writing the value the other tab just wrote fires no new `storage` event (the value is equal).
  if (s) localStorage.setItem(SESSION_KEY, JSON.stringify(s));
  else localStorage.removeItem(SESSION_KEY);
});

// Another tab of this browser signed in, out, or as someone else: this tab follows.
globalThis.addEventListener?.('storage', (event: StorageEvent) => {
  if (event.storageArea !== localStorage || (event.key !== SESSION_KEY && event.key !== null)) return;
  const next = parse(event.key === null ? null : event.newValue);
  if (JSON.stringify(next) !== JSON.stringify($session.get())) $session.set(next);
});

export async function devLogin(username: string): Promise<Session> {
  const res = await fetch('/api/dev/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!res.ok) throw new Error(`Sign-in failed for "${username}" (${res.status})`);
  const { token, user } = (await res.json()) as LoginResult;
  const session = { token, user };
  $session.set(session);
  return session;
}

export function updateUser(user: PublicUser): void {
  const s = $session.get();
  if (s) $session.set({ ...s, user });
}
