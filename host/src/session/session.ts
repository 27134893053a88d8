/**
 * The signed-in user, kept per tab (sessionStorage) so two tabs of one browser can be two users
 * in tests, and re-read on reload. `?as=<username>` signs in through the dev login.
 */

import type { LoginResult, PublicUser } from '@flint/shared';
import { atom } from 'nanostores';

const KEY = 'flint.session';

export interface Session {
  token: string;
  user: PublicUser;
}

function restore(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export const $session = atom<Session | null>(restore());

$session.listen((s) => {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
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
