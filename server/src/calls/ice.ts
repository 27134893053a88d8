/**
 * ICE servers handed to each participant in `call:prepare`. Without TURN the list is empty: loopback
 * and LAN calls connect on host candidates, and no third-party STUN is contacted by default. With
 * `TURN_URLS` + `TURN_SECRET`, each user gets time-limited credentials in the coturn REST scheme
 * (`use-auth-secret`): username `<expiry>:<userId>`, credential base64(HMAC-SHA1(secret, username)),
 * so the secret never leaves the server and a leaked credential dies on its own.
 */
import { createHmac } from 'node:crypto';
import type { IceServer } from '@flint/shared';

export interface TurnConfig {
  urls: string[];
  secret: string;
  /** How long a credential stays valid; covers the longest call with margin. */
  ttlS: number;
}

export function iceServersFor(userId: string, turn: TurnConfig | undefined, now: number): IceServer[] {
  if (!turn) return [];
  const expiry = Math.floor(now / 1000) + turn.ttlS;
  const username = `${expiry}:${userId}`;
  return [{ urls: turn.urls, username, credential: turnCredential(turn.secret, username) }];
}

export function turnCredential(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}
