/**
 * Starts the host: sign-in from `?as=`, the run-time remote config, the realtime store (configured
 * with the session token, connected while signed in) and call-remote. Each remote may fail to load;
 * the shell then says what is unavailable and keeps working.
 */
import { api } from './api/api.ts';
import { loadCallRemote, loadRealtime, registerFlintRemotes } from './federation/remotes.ts';
import { $session, devLogin } from './session/session.ts';

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
  const config = await api.config();
  registerFlintRemotes(config);

  const realtime = await loadRealtime();
  if (realtime) {
    realtime.configure({ token: () => $session.get()?.token ?? null, mode: config.connectionMode });
    $session.subscribe((session) => (session ? realtime.connect() : realtime.disconnect()));
  }
  app.realtime = realtime;
  app.callsAvailable = realtime ? await loadCallRemote() : false;
}

void main();
