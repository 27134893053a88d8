/**
 * Module Federation runtime plugins every loader of Flint's remotes registers (the host, the
 * embedding loader), and the loop that keeps trying a remote that is down. A sub-path export
 * (`@flint/shared/federation`) because it brings the MF runtime's retry plugin with it, which pages
 * that only need the contract never load.
 */
import { type ModuleFederation, type ModuleFederationRuntimePlugin, registerGlobalPlugins } from '@module-federation/enhanced/runtime';
import { RetryPlugin } from '@module-federation/retry-plugin';
import type { ClientEventName, PushPayload, RequestPayload } from './contract.ts';
import type { RemoteConfig } from './protocol.ts';
import { resolveManifestUrl } from './remotes.ts';

/**
 * A remote's own build-time remotes (call-remote → realtime-remote) carry a default URL baked in at
 * build. This rewrites every registration of a known remote name to the URL resolved at run time,
 * so each remote can be deployed anywhere without a rebuild, and everyone ends up on the SAME
 * realtime container (one store, one socket). `entries` is read at each registration.
 */
export function relocateRemotes(entries: Readonly<Record<string, string>>): ModuleFederationRuntimePlugin {
  return {
    name: 'flint-relocate-remotes',
    beforeRegisterRemote(args) {
      const entry = entries[args.remote.name];
      if (entry && 'entry' in args.remote) args.remote.entry = entry;
      return args;
    },
  };
}

/**
 * Transient failures (a dropped connection, a deploy in progress) are retried where they happen: the
 * manifest fetch and the entry script, twice each, a second apart. A remote still failing after
 * that is reported (`errorLoadRemote`) and left to `keepLoading`.
 */
export const retryRemotes = (): ModuleFederationRuntimePlugin =>
  RetryPlugin({ fetch: { retryTimes: 2 }, script: { retryTimes: 2, retryDelay: 1_000 } }) as ModuleFederationRuntimePlugin;

/**
 * Module Federation loads each remote's `remoteEntry.js` with a plain `<script>`, which fetches a
 * cross-origin file in no-cors mode: an opaque response the host's service worker must not cache
 * (its status is unknowable, and browsers pad its size in the quota). Asking for CORS (the remotes
 * send `Access-Control-Allow-Origin`) makes it a readable, cacheable response. The remotes' own
 * chunks get the same attribute from rspack's `output.crossOriginLoading`.
 */
export function corsScripts(): ModuleFederationRuntimePlugin {
  return {
    name: 'flint-cors-scripts',
    createScript() {
      const script = document.createElement('script');
      script.crossOrigin = 'anonymous';
      return script;
    },
  };
}

/** Tells `onFailure` as soon as the runtime gives a remote up (it throws on to the `loadRemote` caller). */
export function reportRemoteFailures(onFailure: (id: string, error: unknown) => void): ModuleFederationRuntimePlugin {
  return {
    name: 'flint-report-remote-failures',
    errorLoadRemote({ id, error }) {
      onFailure(id, error);
      return undefined;
    },
  };
}

type RemoteName = keyof RemoteConfig['remotes'];

export interface RemoteLoader {
  /** Resolves the remote's version, (re)registers it when it moved, and loads `name/expose`; throws when unavailable. */
  load<T>(name: RemoteName, expose: string): Promise<T>;
}

/**
 * Loads Flint's remotes through `mf` (the host's own federation instance, or the embedding loader's).
 * Where each is deployed comes from the server's config; which version from the config (pinned) or
 * the deploy's pointer, asked afresh at every attempt, so a retry after a rollback gets the
 * rolled-back version. The plugins are global because each remote container registers its own
 * remotes (call → realtime) in its own instance, and those registrations must be relocated too.
 */
export function createRemoteLoader(
  mf: Pick<ModuleFederation, 'registerRemotes' | 'loadRemote'>,
  remotes: RemoteConfig['remotes'],
): RemoteLoader {
  const entries: Record<string, string> = {};
  registerGlobalPlugins([
    relocateRemotes(entries),
    corsScripts(),
    retryRemotes(),
    reportRemoteFailures((id, error) => console.warn(`[flint] remote unavailable: ${id}`, error)),
  ]);
  return {
    async load<T>(name: RemoteName, expose: string): Promise<T> {
      const entry = new URL(await resolveManifestUrl(remotes[name]), globalThis.location?.href).href;
      if (entries[name] !== entry) {
        entries[name] = entry;
        mf.registerRemotes([{ name, entry }], { force: true });
      }
      const module = await mf.loadRemote<T>(`${name}/${expose}`);
      if (!module) throw new Error(`${name}/${expose} did not load`);
      return module;
    },
  };
}

/** The part of the socket store that answers invites while calls cannot be shown. */
interface InviteAnswering {
  subscribe(event: 'call:invite', handler: (invite: PushPayload<'call:invite'>) => void): () => void;
  request<E extends ClientEventName>(event: E, payload: RequestPayload<E>): Promise<unknown>;
}

/**
 * While `<flint-call>` cannot load, an incoming call still reaches the person (`onInvite` shows it)
 * and the caller is told (`call:unavailable`); the invite keeps ringing the person's other tabs.
 * Returns the stop function.
 */
export function answerInvitesWhileUnavailable(store: InviteAnswering, onInvite: (invite: PushPayload<'call:invite'>) => void): () => void {
  return store.subscribe('call:invite', (invite) => {
    onInvite(invite);
    void store.request('call:unavailable', { sessionId: invite.sessionId });
  });
}

export type LoadStatus = 'loading' | 'ready' | 'unavailable';

export interface KeepLoadingOptions {
  onStatus(status: LoadStatus): void;
  /** Past this without an answer the remote counts as unavailable (it may still arrive). */
  slowMs: number;
  /** Pauses between attempts; the last one repeats. */
  retryMs: readonly number[];
  signal?: AbortSignal;
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Runs `attempt` until it succeeds (or `signal` aborts, which rejects): `loading`, then `ready` on
 * success; `unavailable` after a failure or once `slowMs` passed, and again `ready` if a later
 * attempt (or the slow one) succeeds. So a remote that was down comes back without a page reload.
 */
export async function keepLoading<T>(attempt: () => Promise<T>, options: KeepLoadingOptions): Promise<T> {
  const { onStatus, slowMs, retryMs, signal, wait = sleep } = options;
  let settled = false;
  onStatus('loading');
  void wait(slowMs, signal).then(() => {
    if (!settled && !signal?.aborted) onStatus('unavailable');
  });
  for (let failures = 0; ; failures++) {
    try {
      const value = await attempt();
      settled = true;
      onStatus('ready');
      return value;
    } catch {
      onStatus('unavailable');
      await wait(retryMs[Math.min(failures, retryMs.length - 1)] ?? 0, signal);
      if (signal?.aborted) {
        settled = true;
        throw signal.reason;
      }
    }
  }
}
