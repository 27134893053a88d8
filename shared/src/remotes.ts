/**
 * How a remote's deploy is laid out, for everyone who loads one (the host, the embedding loader):
 * every build is immutable under `versions/<id>/`, and `current.json` (`{ "version": "<id>" }`)
 * points at the one in service. A page resolves the pointer ONCE and then loads only from that
 * version's folder, so a deploy or a rollback mid-visit never mixes files of two builds.
 */
import type { RemoteLocation } from './protocol.ts';

/** The pointer's file name at a deploy's base URL. */
export const POINTER_FILE = 'current.json';

const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const isRemoteVersion = (value: unknown): value is string => typeof value === 'string' && VERSION.test(value);

/** The manifest of one version of a deploy. */
export const manifestUrlOf = (base: string, version: string): string => `${base}versions/${version}/mf-manifest.json`;

/**
 * The manifest URL to load: the pinned version, or the one the deploy's pointer names (asked
 * afresh, never from a cache). Rejects when the pointer cannot be read or names no valid version.
 */
export async function resolveManifestUrl(location: RemoteLocation, fetchImpl: typeof fetch = fetch): Promise<string> {
  if (location.version) return manifestUrlOf(location.base, location.version);
  const res = await fetchImpl(`${location.base}${POINTER_FILE}`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`${location.base}${POINTER_FILE}: HTTP ${res.status}`);
  const { version } = (await res.json()) as { version?: unknown };
  if (!isRemoteVersion(version)) throw new Error(`${location.base}${POINTER_FILE} names no valid version`);
  return manifestUrlOf(location.base, version);
}
