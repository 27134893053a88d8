/**
 * The embedding kit's loader (docs/embedding.md): ONE ES module that a host team's page imports,
 * with no build step, to get `<flint-call>` working:
 *
 *   const { embed } = await import(`${server}/embed.js`);
 *   await embed({ server, token });
 *
 * It asks the server where the remotes are deployed, loads the realtime remote's socket store (the
 * tab's one socket: never bundled by the page, so never a second copy) and configures it with the
 * server and the token, then loads the call remote, which defines `<flint-call>`; an element
 * already in the page upgrades in place. A remote that is down or slow is retried until it loads.
 * The page hears how calls are doing through window events (typed below).
 */
import type { CallInvite, RemoteConfig } from '@flint/shared';
import { answerInvitesWhileUnavailable, createRemoteLoader, keepLoading, type LoadStatus } from '@flint/shared/federation';
import { createInstance } from '@module-federation/enhanced/runtime';
import type * as SocketStore from 'realtime/socket-store';

export type FlintSocketStore = typeof SocketStore;

export interface EmbedOptions {
  /** The Flint server's URL: its API and Socket.IO endpoint (`https://flint.example.com`). */
  server: string;
  /** This person's Flint token, or a function giving the current one (read at every (re)connect). */
  token: string | (() => string | null);
}

/** `flint-calls-status` on window: whether `<flint-call>` can be used (`unavailable`: its remote is down; retried). */
export type FlintCallsStatusEvent = CustomEvent<{ status: LoadStatus }>;
/** `flint-call-unavailable` on window: someone is calling while calls are unavailable (the caller is told). */
export type FlintCallUnavailableEvent = CustomEvent<{ invite: CallInvite }>;

declare global {
  interface WindowEventMap {
    'flint-calls-status': FlintCallsStatusEvent;
    'flint-call-unavailable': FlintCallUnavailableEvent;
  }
}

const SLOW_MS = 8_000;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 15_000];

const announce = (status: LoadStatus) => window.dispatchEvent(new CustomEvent('flint-calls-status', { detail: { status } }));

/**
 * Loads and configures everything; resolves with the socket store once it is configured and
 * connecting (calls may still be loading). Call it once per page; a new token later goes through
 * `store.configure({ url: server, token })`, signing out through `store.disconnect()`.
 */
export async function embed({ server, token }: EmbedOptions): Promise<FlintSocketStore> {
  const url = new URL(server).origin;
  const res = await fetch(`${url}/api/config`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`Flint server ${url} answered ${res.status} for /api/config`);
  const config = (await res.json()) as RemoteConfig;
  const remotes = createRemoteLoader(createInstance({ name: 'flint_embed', remotes: [] }), config.remotes);
  const options = { slowMs: SLOW_MS, retryMs: RETRY_MS };

  const store = await keepLoading(() => remotes.load<FlintSocketStore>('realtime', 'socket-store'), {
    ...options,
    onStatus: (status) => status !== 'ready' && announce(status),
  });
  store.configure({ url, token, mode: config.connectionMode });
  store.connect();

  let stopAnswering: (() => void) | null = null;
  void keepLoading(() => remotes.load('call', 'flint-call'), {
    ...options,
    onStatus: (status) => {
      stopAnswering?.();
      stopAnswering =
        status === 'unavailable'
          ? answerInvitesWhileUnavailable(store, (invite) =>
              window.dispatchEvent(new CustomEvent('flint-call-unavailable', { detail: { invite } })),
            )
          : null;
      announce(status);
    },
  });
  return store;
}
