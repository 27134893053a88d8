/**
 * Web Push rules: which browsers a person subscribed, and waking them when a call rings while the
 * person has no Flint tab open. The message is encrypted to the browser (RFC 8291, aes128gcm) and
 * signed with the server's VAPID key by `web-push`; this module posts it itself with fetch, so a
 * redirect is never followed and the endpoint checks below are the only way out of the server. No
 * socket import: whether the person has a tab open is a port.
 */
import { isIP } from 'node:net';
import { type CallInvite, type CallPushMessage, PushKind, type RestBodies } from '@flint/shared';
import webpush from 'web-push';
import type { Db } from '../db/index.ts';
import { DomainError } from '../domain-error.ts';
import type { Logger } from '../logger.ts';
import * as repo from './push.repository.ts';
import type { Vapid } from './push.vapid.ts';

/** Browsers kept per person; subscribing an eleventh drops the oldest. */
export const MAX_SUBSCRIPTIONS_PER_USER = 10;
/** A push service answers in well under a second; a stalled one must not hold the invite's work. */
const DELIVERY_TIMEOUT_MS = 10_000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface PushDeps {
  db: Db;
  vapid: Vapid;
  logger: Logger;
  /** Whether `userId` has any socket (an open tab) on any node. */
  hasSockets(userId: string): Promise<boolean>;
  /** Tests and development only: accept http(s) endpoints on this machine (a local receiver). */
  allowLoopback: boolean;
  now(): number;
}

export type PushService = ReturnType<typeof createPushService>;

/**
 * Why `endpoint` may not be posted to, or null. Push services are public https hosts; anything else
 * (plain http, an IP address, localhost, a one-label intranet name) would make this server post to
 * wherever a client pointed it.
 */
export function endpointProblem(endpoint: string, allowLoopback: boolean): string | null {
  const url = new URL(endpoint);
  const host = url.hostname.toLowerCase();
  if (url.username || url.password) return 'endpoint must not carry credentials';
  if (allowLoopback && LOOPBACK_HOSTS.has(host) && (url.protocol === 'http:' || url.protocol === 'https:')) return null;
  if (url.protocol !== 'https:') return 'endpoint must be an https URL';
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0 || !host.includes('.') || /(^|\.)(localhost|local|internal)$/.test(host)) {
    return 'endpoint must be a push service on a public host name';
  }
  return null;
}

/** The first word of a display name, bounded: all a lock screen needs to say who rings. */
export const firstName = (displayName: string): string => (displayName.trim().split(/\s+/u)[0] ?? '').slice(0, 40);

export function createPushService(deps: PushDeps) {
  const { db, vapid, logger } = deps;

  async function deliver(sub: repo.StoredSubscription, message: CallPushMessage, ttlS: number): Promise<'sent' | 'gone' | 'failed'> {
    const details = webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: sub.keys }, JSON.stringify(message), {
      TTL: ttlS,
      urgency: 'high',
      contentEncoding: 'aes128gcm',
      vapidDetails: vapid,
    });
    const headers = Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)]));
    const res = await fetch(details.endpoint, {
      method: details.method,
      headers,
      body: details.body ? new Uint8Array(details.body) : null,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (res.status === 404 || res.status === 410) {
      // The browser unsubscribed or the subscription expired: it will never be reachable again.
      await repo.removeById(db.orm, sub.id);
      return 'gone';
    }
    if (res.status < 200 || res.status >= 300) {
      logger.warn({ status: res.status, subscription: sub.id }, 'push service refused a message');
      return 'failed';
    }
    return 'sent';
  }

  return {
    publicKey: vapid.publicKey,

    async subscribe(userId: string, body: RestBodies['pushSubscribe']): Promise<void> {
      const problem = endpointProblem(body.endpoint, deps.allowLoopback);
      if (problem) throw DomainError.invalid(problem);
      await repo.upsert(db.orm, userId, body, MAX_SUBSCRIPTIONS_PER_USER);
    },

    /** Only the person's own subscription: another's endpoint is `not-found` and stays. */
    async unsubscribe(userId: string, endpoint: string): Promise<void> {
      if (!(await repo.remove(db.orm, userId, endpoint))) throw DomainError.notFound('push subscription');
    },

    /**
     * `call:invite` was pushed to `calleeId`: when they have no tab open to ring, wake each of their
     * browsers instead. The message lives no longer than the ring (TTL) and asks to be delivered at
     * once (Urgency: high). Resolves to what happened per browser, for logs and tests.
     */
    async ringOffline(calleeId: string, invite: CallInvite): Promise<Array<'sent' | 'gone' | 'failed'>> {
      if (await deps.hasSockets(calleeId)) return [];
      const subs = await repo.listFor(db.orm, calleeId);
      if (subs.length === 0) return [];
      const message: CallPushMessage = { kind: PushKind.CALL, sessionId: invite.sessionId, from: firstName(invite.from.displayName) };
      const ttlS = Math.max(1, Math.ceil((Date.parse(invite.ringEndsAt) - deps.now()) / 1000));
      const outcomes = await Promise.allSettled(subs.map((sub) => deliver(sub, message, ttlS)));
      return outcomes.map((o, i) => {
        if (o.status === 'fulfilled') return o.value;
        logger.warn({ err: o.reason, subscription: subs[i]!.id }, 'push delivery failed');
        return 'failed';
      });
    },
  };
}
