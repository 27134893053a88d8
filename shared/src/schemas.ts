/**
 * zod schemas for every client→server payload and REST body. The server validates with these;
 * clients import only the inferred types (`import type`), so zod never reaches a browser bundle.
 */
import { z } from 'zod';
import { MAX_CHAT_BODY } from './chat.ts';
import { QUALITY_BOUNDS, QUALITY_LEVELS } from './quality.ts';
import { MAX_REPORT_REASON } from './session.ts';
import { isBlank, textProblem } from './text.ts';

const id = z.string().uuid();

/**
 * The one schema for text a person writes (every message, name, profile field, report reason):
 * trimmed, bounded, no control characters (newline and tab only when `multiline`), no bidi
 * overrides or isolates, and invisible-only text counts as empty (refused when `required`,
 * stored as '' otherwise). The rules themselves live in text.ts, shared with the browser.
 */
export function text(opts: { max: number; required?: boolean; multiline?: boolean; empty?: string; tooLong?: string }) {
  const checked = z
    .string()
    .trim()
    .max(opts.max, opts.tooLong ?? `at most ${opts.max} characters`)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, { multiline: opts.multiline });
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
  return opts.required === false
    ? checked.transform((value) => (isBlank(value) ? '' : value))
    : checked.refine((value) => !isBlank(value), opts.empty ?? 'is empty');
}

/** A client-made idempotency key (a UUID in practice): visible ASCII only, so it is safe to store and log. */
const clientId = z.string().regex(/^[!-~]{8,64}$/, 'clientId must be 8 to 64 visible ASCII characters');
const stage = z.number().int().min(1).max(10);

/** A measured figure of a quality report: a finite number in [0, max], or null when the browser did not measure it. */
const figure = (max: number) => z.number().min(0).max(max).nullable();

/** A signaling blob (SDP or ICE candidate) is small; 16 KB leaves room for large SDPs. */
export const MAX_SIGNAL_BYTES = 16_384;
/** Defined with the browser-safe contract (the report dialog and the composer need them too), re-exported here as before. */
export { MAX_CHAT_BODY, MAX_REPORT_REASON };

/** Push services' endpoints are a few hundred characters; 2,048 is far above any seen. */
export const MAX_PUSH_ENDPOINT = 2048;
const pushEndpoint = z
  .string()
  .max(MAX_PUSH_ENDPOINT, `at most ${MAX_PUSH_ENDPOINT} characters`)
  // A URL as push services give it: visible ASCII only (no spaces, control characters or NUL, which text columns refuse).
  .regex(/^[!-~]+$/, 'endpoint must be a URL of visible ASCII characters')
  .url();
/** base64url (padding tolerated) that decodes to exactly `bytes` bytes. */
const base64urlBytes = (bytes: number, what: string) =>
  z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what} must be base64url`)
    .refine((s) => Math.floor((s.replace(/=+$/, '').length * 3) / 4) === bytes, `${what} must be ${bytes} bytes`);

export const schemas = {
  'call:request': z.object({ matchId: id }).strict(),
  'call:respond': z.object({ sessionId: id, accept: z.boolean() }).strict(),
  'call:ready': z.object({ sessionId: id, stage }).strict(),
  'call:device-failed': z
    .object({
      sessionId: id,
      stage,
      reason: z.enum(['permission-denied', 'no-device', 'device-busy', 'device-timeout']),
    })
    .strict(),
  'call:vote': z.object({ sessionId: id, stage, proceed: z.boolean() }).strict(),
  'call:leave': z.object({ sessionId: id }).strict(),
  'call:signal': z
    .object({
      sessionId: id,
      data: z.record(z.string(), z.unknown()).refine((d) => JSON.stringify(d).length <= MAX_SIGNAL_BYTES, 'signal too large'),
    })
    .strict(),
  'call:media': z.object({ sessionId: id, audio: z.boolean(), video: z.boolean() }).strict(),
  'call:resume': z.object({ sessionId: id.optional() }).strict(),
  /** Safety, inside any call: both end the session at once for both (reason `reported`) and block the pair. */
  'call:report': z
    .object({
      sessionId: id,
      reason: text({ max: MAX_REPORT_REASON, multiline: true, empty: 'say what happened', tooLong: 'reason is too long' }),
    })
    .strict(),
  'call:block': z.object({ sessionId: id }).strict(),
  'call:unavailable': z.object({ sessionId: id }).strict(),
  'call:media-failed': z.object({ sessionId: id, stage }).strict(),
  'call:media-path': z.object({ sessionId: id, stage, up: z.boolean() }).strict(),
  'call:ice-servers': z.object({ sessionId: id }).strict(),
  'call:leaving': z.object({ sessionId: id }).strict(),
  'call:gate': z
    .object({
      sessionId: id,
      stage,
      reason: z.enum(['permission-denied', 'no-device', 'device-busy', 'device-timeout']),
      /** This side's own gate budget left (its client gives up then); the server caps it by its deadline. */
      endsInMs: z.number().int().min(0).max(600_000),
    })
    .strict(),
  /** This side's connection quality in the running stage (shared/src/quality.ts); stored and relayed as `call:peer-quality`. */
  'call:quality': z
    .object({
      sessionId: id,
      stage,
      level: z.enum(QUALITY_LEVELS),
      rttMs: figure(QUALITY_BOUNDS.rttMs),
      lossPct: figure(QUALITY_BOUNDS.lossPct),
      jitterMs: figure(QUALITY_BOUNDS.jitterMs),
      fps: figure(QUALITY_BOUNDS.fps),
      /** How far this side stepped its outgoing video down (0: full quality). */
      videoStep: z.number().int().min(0).max(QUALITY_BOUNDS.videoStep),
    })
    .strict(),
  'queue:join': z.object({}).strict(),
  'queue:leave': z.object({}).strict(),
  'chat:send': z
    .object({
      conversationId: id,
      clientId,
      body: text({ max: MAX_CHAT_BODY, multiline: true, empty: 'message is empty', tooLong: 'message is too long' }),
    })
    .strict(),
  'chat:history': z
    .object({
      conversationId: id,
      before: z.number().int().positive().optional(),
      after: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(100).optional(),
    })
    .strict(),
  'chat:typing': z.object({ conversationId: id, typing: z.boolean() }).strict(),
  'chat:read': z.object({ conversationId: id, upTo: z.number().int().nonnegative() }).strict(),
  'chat:delivered': z.object({ conversationId: id, upTo: z.number().int().nonnegative() }).strict(),
  'presence:query': z.object({ userIds: z.array(id).max(500) }).strict(),
} as const;

export type ClientPayloads = { [K in keyof typeof schemas]: z.infer<(typeof schemas)[K]> };

export const rest = {
  devLogin: z.object({ username: text({ max: 40 }) }).strict(),
  profileUpdate: z
    .object({
      displayName: text({ max: 60 }),
      bio: text({ max: 500, multiline: true, required: false }),
      age: z.number().int().min(18).max(120).nullable(),
    })
    .partial()
    .strict(),
  swipe: z.object({ targetId: id, like: z.boolean() }).strict(),
  connectionMode: z.object({ mode: z.enum(['auto', 'websocket', 'polling']) }).strict(),
  /** A browser's push subscription (`PushSubscription.toJSON()`); the server also checks the endpoint's scheme and host. */
  pushSubscribe: z
    .object({
      endpoint: pushEndpoint,
      expirationTime: z.number().nullable().optional(),
      keys: z
        .object({
          p256dh: base64urlBytes(65, 'p256dh').refine((k) => k.startsWith('B'), 'p256dh must be an uncompressed P-256 point'),
          auth: base64urlBytes(16, 'auth'),
        })
        .strict(),
    })
    .strict(),
  pushUnsubscribe: z.object({ endpoint: pushEndpoint }).strict(),
} as const;

export type RestBodies = { [K in keyof typeof rest]: z.infer<(typeof rest)[K]> };
