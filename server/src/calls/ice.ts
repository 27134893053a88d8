/**
 * ICE settings handed to each participant in `call:prepare` (and again on `call:ice-servers`).
 *
 * - STUN (`FLINT_STUN_URLS`, a public server by default): lets two people behind ordinary NATs find
 *   a direct path. Empty turns it off (a closed network, or a deployment that must not contact a
 *   third party).
 * - TURN (`TURN_URLS` + `TURN_SECRET`): each user gets time-limited credentials in the coturn REST
 *   scheme (`use-auth-secret`): username `<expiry>:<userId>`, credential
 *   base64(HMAC-SHA1(secret, username)), so the secret never leaves the server and a leaked
 *   credential dies on its own. A call that outlives them asks `call:ice-servers` for new ones.
 * - `FLINT_ICE_TRANSPORT_POLICY=relay`: the browsers use only relay candidates, so neither side
 *   learns the other's addresses (needs TURN, or nothing ever connects).
 */
import { createHmac } from 'node:crypto';
import type { IceConfig, IceServer } from '@flint/shared';

export interface TurnConfig {
  urls: string[];
  secret: string;
  /** How long a credential stays valid. */
  ttlS: number;
}

export interface IceOptions {
  stunUrls: readonly string[];
  turn?: TurnConfig;
  transportPolicy: IceConfig['iceTransportPolicy'];
}

export function iceConfigFor(userId: string, ice: IceOptions, now: number): IceConfig {
  const servers: IceServer[] = ice.stunUrls.length > 0 ? [{ urls: [...ice.stunUrls] }] : [];
  if (!ice.turn) return { iceServers: servers, iceTransportPolicy: ice.transportPolicy, iceExpiresAt: null };
  const expiry = Math.floor(now / 1000) + ice.turn.ttlS;
  const username = `${expiry}:${userId}`;
  servers.push({ urls: ice.turn.urls, username, credential: turnCredential(ice.turn.secret, username) });
  return { iceServers: servers, iceTransportPolicy: ice.transportPolicy, iceExpiresAt: new Date(expiry * 1000).toISOString() };
}

export function turnCredential(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}
