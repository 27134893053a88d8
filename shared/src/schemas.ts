/**
 * zod schemas for every client→server payload and REST body. The server validates with these;
 * clients import only the inferred types (`import type`), so zod never reaches a browser bundle.
 */
import { z } from 'zod';
import { MAX_CHAT_BODY } from './chat.ts';
import { MAX_REPORT_REASON } from './session.ts';

const id = z.string().uuid();
const stage = z.number().int().min(1).max(10);

/** A signaling blob (SDP or ICE candidate) is small; 16 KB leaves room for large SDPs. */
export const MAX_SIGNAL_BYTES = 16_384;
/** Defined with the browser-safe contract (the report dialog and the composer need them too), re-exported here as before. */
export { MAX_CHAT_BODY, MAX_REPORT_REASON };

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
    .object({ sessionId: id, reason: z.string().trim().min(1, 'say what happened').max(MAX_REPORT_REASON, 'reason is too long') })
    .strict(),
  'call:block': z.object({ sessionId: id }).strict(),
  'call:unavailable': z.object({ sessionId: id }).strict(),
  'call:media-failed': z.object({ sessionId: id, stage }).strict(),
  'call:ice-servers': z.object({ sessionId: id }).strict(),
  'queue:join': z.object({}).strict(),
  'queue:leave': z.object({}).strict(),
  'chat:send': z
    .object({
      conversationId: id,
      clientId: z.string().min(8).max(64),
      body: z.string().trim().min(1, 'message is empty').max(MAX_CHAT_BODY, 'message is too long'),
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
  devLogin: z.object({ username: z.string().min(1).max(40) }).strict(),
  profileUpdate: z
    .object({
      displayName: z.string().trim().min(1).max(60),
      bio: z.string().max(500),
      age: z.number().int().min(18).max(120).nullable(),
    })
    .partial()
    .strict(),
  swipe: z.object({ targetId: id, like: z.boolean() }).strict(),
  connectionMode: z.object({ mode: z.enum(['auto', 'websocket', 'polling']) }).strict(),
} as const;

export type RestBodies = { [K in keyof typeof rest]: z.infer<(typeof rest)[K]> };
