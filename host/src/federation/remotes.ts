/**
 * Finds the remotes at run time from the fetched config (ARCHITECTURE §2) and loads their exposed
 * modules. A remote that cannot be loaded yields null: the host keeps working without it.
 */

import type { RemoteConfig } from '@flint/shared';
import { loadRemote, registerGlobalPlugins, registerRemotes } from '@module-federation/enhanced/runtime';
import type { RealtimeStore } from '../session/context.ts';
import { relocateRemotes } from './relocate-plugin.ts';

export function registerFlintRemotes(config: RemoteConfig): void {
  const entries = {
    realtime: new URL(config.remotes.realtime, location.href).href,
    call: new URL(config.remotes.call, location.href).href,
  };
  registerGlobalPlugins([relocateRemotes(entries)]);
  registerRemotes(Object.entries(entries).map(([name, entry]) => ({ name, entry })));
}

export async function loadRealtime(): Promise<RealtimeStore | null> {
  try {
    return (await loadRemote<RealtimeStore>('realtime/socket-store')) ?? null;
  } catch (error) {
    console.warn('[flint] realtime remote unavailable', error);
    return null;
  }
}

/** Loads call-remote, which defines `<flint-call>` as a side effect. */
export async function loadCallRemote(): Promise<boolean> {
  try {
    await loadRemote('call/flint-call');
    return customElements.get('flint-call') !== undefined;
  } catch (error) {
    console.warn('[flint] call remote unavailable', error);
    return false;
  }
}
