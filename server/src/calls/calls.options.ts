/**
 * Media settings of the calls domain, read from the environment (ARCHITECTURE section 2): STUN, TURN
 * and the ICE transport policy for WebRTC, Agora credentials that switch the engine. Invalid values
 * stop the start with a clear message.
 */
import { z } from 'zod';
import type { AgoraConfig } from './agora.ts';
import type { IceOptions } from './ice.ts';

export interface CallsOptions {
  /** WebRTC's ICE settings; absent (tests' default) means no ICE servers at all. */
  ice?: IceOptions;
  agora?: AgoraConfig;
  /**
   * How long both hardware gates of a stage may take before the session ends `device-unavailable`.
   * Longer than the client's own gate budget (call-remote GATE_TIMEOUT_MS, 45 s), so a client that
   * gives up reports its typed reason first; this deadline only catches a client that vanished.
   */
  prepareTimeoutS: number;
}

const hex32 = z.string().regex(/^[0-9a-fA-F]{32}$/, 'must be 32 hex characters');
/** A public STUN server (Google's, documented for WebRTC use); `FLINT_STUN_URLS=` turns it off. */
export const DEFAULT_STUN_URL = 'stun:stun.l.google.com:19302';

/** A comma-separated list of URLs of one scheme (`stun:` / `turn:`, or their TLS variants). */
const urlList = (scheme: 'stun' | 'turn') =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .refine(
      (urls) => urls.every((u) => u.startsWith(`${scheme}:`) || u.startsWith(`${scheme}s:`)),
      `each URL must start with ${scheme}: or ${scheme}s:`,
    );

const schema = z.object({
  FLINT_STUN_URLS: urlList('stun').default([DEFAULT_STUN_URL]),
  TURN_URLS: urlList('turn').optional(),
  TURN_SECRET: z.string().min(1).optional(),
  TURN_CREDENTIAL_TTL_S: z.coerce
    .number()
    .int()
    .min(60)
    .default(4 * 3600),
  FLINT_ICE_TRANSPORT_POLICY: z.enum(['all', 'relay']).default('all'),
  AGORA_APP_ID: hex32.optional(),
  AGORA_APP_CERTIFICATE: hex32.optional(),
  FLINT_PREPARE_TIMEOUT_S: z.coerce.number().positive().default(60),
});

/** Agora tokens outlive the longest plausible date (all stages plus intermissions and reconnects). */
const CREDENTIAL_TTL_S = 4 * 3600;

export function callsOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): CallsOptions {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid calls configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const urls = e.TURN_URLS ?? [];
  if (urls.length > 0 !== Boolean(e.TURN_SECRET)) {
    throw new Error('Invalid calls configuration:\n  TURN_URLS and TURN_SECRET: set both (TURN) or neither');
  }
  if (e.FLINT_ICE_TRANSPORT_POLICY === 'relay' && !e.TURN_SECRET) {
    throw new Error(
      'Invalid calls configuration:\n  FLINT_ICE_TRANSPORT_POLICY: relay needs TURN_URLS and TURN_SECRET (nothing could connect)',
    );
  }
  return {
    prepareTimeoutS: e.FLINT_PREPARE_TIMEOUT_S,
    ice: {
      stunUrls: e.FLINT_STUN_URLS,
      turn: e.TURN_SECRET ? { urls, secret: e.TURN_SECRET, ttlS: e.TURN_CREDENTIAL_TTL_S } : undefined,
      transportPolicy: e.FLINT_ICE_TRANSPORT_POLICY,
    },
    agora:
      e.AGORA_APP_ID && e.AGORA_APP_CERTIFICATE
        ? { appId: e.AGORA_APP_ID, certificate: e.AGORA_APP_CERTIFICATE, ttlS: CREDENTIAL_TTL_S }
        : undefined,
  };
}
