/**
 * The RTCPeerConnection configuration from the server's ICE settings (`call:prepare`, renewed by
 * `call:ice-servers`), and when to renew: TURN credentials are time-limited (coturn REST scheme),
 * and a relayed call whose credentials expire loses its allocation when it next refreshes it.
 */
import type { IceConfig } from '@flint/shared';

/** Ask this long before the credentials expire (or halfway through a shorter lifetime). */
export const RENEW_BEFORE_MS = 60_000;

export function rtcConfiguration(ice: Partial<IceConfig>): RTCConfiguration {
  return { iceServers: ice.iceServers ?? [], iceTransportPolicy: ice.iceTransportPolicy ?? 'all' };
}

/** Milliseconds until the renewal, or null when nothing expires (or it already has: no retrying past it). */
export function renewDelay(expiresAt: string | null | undefined, now: number): number | null {
  if (!expiresAt) return null;
  const remaining = Date.parse(expiresAt) - now;
  if (!(remaining > 0)) return null;
  return Math.max(1000, remaining - Math.min(RENEW_BEFORE_MS, remaining / 2));
}
