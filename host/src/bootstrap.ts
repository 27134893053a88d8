/**
 * Starts the host: sign-in from `?as=`, the shell (which shows the chats stored on this device at
 * once), the run-time remote config (the last known one when the server is unreachable), the
 * realtime store (configured with the session token, connected while signed in), call-remote, and
 * the service worker that keeps all of it available offline. A remote that is down or slow is
 * retried until it loads, without a reload; meanwhile the shell says what is unavailable and keeps
 * working.
 */

import { createRemoteLoader, keepLoading } from '@flint/shared/federation';
import { getInstance } from '@module-federation/enhanced/runtime';
import { remoteConfig } from './federation/remote-config.ts';
import type { RealtimeStore } from './session/context.ts';
import { $session, devLogin } from './session/session.ts';
import { registerServiceWorker } from './sw/register.ts';

/** A remote still not loaded after this counts as unavailable (the banner shows; it may still arrive). */
const SLOW_MS = 8_000;
/** Pauses between attempts at a remote that failed: quick at first, then every 15 s. */
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 15_000];

async function signInFromQuery(): Promise<void> {
  const url = new URL(location.href);
  const as = url.searchParams.get('as');
  if (!as) return;
  url.searchParams.delete('as');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  if ($session.get()?.user.username !== as) await devLogin(as);
}

async function main(): Promise<void> {
  // Sign in from `?as=` BEFORE the shell upgrades, or it would redirect to /login and lose the route.
  await signInFromQuery().catch((error: unknown) => console.warn('[flint] sign-in failed', error));
  await import('./app/flint-app.ts');
  const app = document.querySelector('flint-app')!;
  const config = await remoteConfig();
  // The host's own federation instance (its build set it up), so the remotes share its singletons.
  const remotes = createRemoteLoader(getInstance()!, config.remotes);
  const callsStatus = (status: typeof app.callsStatus) => {
    app.callsStatus = status;
  };

  // Calls need the store first; until it is there, calls count as loading / unavailable too.
  const realtime = await keepLoading(() => remotes.load<RealtimeStore>('realtime', 'socket-store'), {
    onStatus: (status) => status !== 'ready' && callsStatus(status),
    slowMs: SLOW_MS,
    retryMs: RETRY_MS,
  });
  realtime.configure({ token: () => $session.get()?.token ?? null, mode: config.connectionMode });
  $session.subscribe((session) => (session ? realtime.connect() : realtime.disconnect()));
  app.realtime = realtime;

  // Loading call-remote defines <flint-call> (a side effect), which upgrades the element in place.
  await keepLoading(() => remotes.load('call', 'flint-call'), { onStatus: callsStatus, slowMs: SLOW_MS, retryMs: RETRY_MS });
  // After the remotes, so everything this page loaded is handed to the worker to keep.
  await registerServiceWorker();
}

void main();
