/**
 * Web Push (a wake-up when the person has no Flint tab open): what the server's push message
 * carries, and nothing more. The service worker words and localises the notification itself, so
 * the message holds data, never text from the server, and as little of it as a wake-up needs.
 */

/** The one kind of push so far: someone rings you. */
export const PushKind = { CALL: 'call' } as const;
export type PushKind = (typeof PushKind)[keyof typeof PushKind];

/** The decrypted body of a push message (JSON). `from`: the caller's first name only. */
export interface CallPushMessage {
  kind: typeof PushKind.CALL;
  sessionId: string;
  from: string;
}

/** The browser's `PushSubscription.toJSON()`, as the host posts it to `POST /api/push/subscriptions`. */
export interface PushSubscriptionBody {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
}

/** `GET /api/push/key`: the server's VAPID public key (base64url), the browser's `applicationServerKey`. */
export interface PushKeyResult {
  publicKey: string;
}
