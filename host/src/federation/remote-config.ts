/**
 * The run-time remote config (`GET /api/config`), with the last answer kept in localStorage: when
 * the server cannot be reached (offline, or the API down), the host still finds its remotes (their
 * code then comes from the service worker's cache) and the realtime store connects as soon as the
 * network is back. A config is not user data and holds no secret.
 */
import type { RemoteConfig } from '@flint/shared';
import { api } from '../api/api.ts';

const KEY = 'flint.remote-config';
/** A server slower than this is treated as unreachable when a known config exists. */
const TIMEOUT_MS = 3_000;

function stored(): RemoteConfig | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as RemoteConfig) : null;
  } catch {
    return null;
  }
}

/** The server's config, else the last known one; waits (retrying) only when there is neither. */
export async function remoteConfig(): Promise<RemoteConfig> {
  const known = stored();
  for (let delay = 1_000; ; delay = Math.min(delay * 2, 15_000)) {
    try {
      const config = await (known
        ? Promise.race([api.config(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('config timeout')), TIMEOUT_MS))])
        : api.config());
      localStorage.setItem(KEY, JSON.stringify(config));
      return config;
    } catch (error) {
      if (known) return known;
      console.warn('[flint] config unavailable, retrying', error);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
