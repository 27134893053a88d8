/**
 * Media settings of the calls domain, read from the environment (ARCHITECTURE section 2): TURN for
 * WebRTC, Agora credentials that switch the engine. Invalid values stop the start with a clear message.
 */
import { z } from 'zod';
import type { AgoraConfig } from './agora.ts';
import type { TurnConfig } from './ice.ts';

export interface CallsOptions {
  turn?: TurnConfig;
  agora?: AgoraConfig;
  /**
   * How long both hardware gates of a stage may take before the session ends `device-unavailable`.
   * Longer than the client's own gate budget (call-remote GATE_TIMEOUT_MS, 45 s), so a client that
   * gives up reports its typed reason first; this deadline only catches a client that vanished.
   */
  prepareTimeoutS: number;
}

const hex32 = z.string().regex(/^[0-9a-fA-F]{32}$/, 'must be 32 hex characters');
const schema = z.object({
  TURN_URLS: z.string().optional(),
  TURN_SECRET: z.string().min(1).optional(),
  AGORA_APP_ID: hex32.optional(),
  AGORA_APP_CERTIFICATE: hex32.optional(),
  FLINT_PREPARE_TIMEOUT_S: z.coerce.number().positive().default(60),
});

/** Credentials outlive the longest plausible date (all stages plus intermissions and reconnects). */
const CREDENTIAL_TTL_S = 4 * 3600;

export function callsOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): CallsOptions {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid calls configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const urls = (e.TURN_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  return {
    prepareTimeoutS: e.FLINT_PREPARE_TIMEOUT_S,
    turn: urls.length > 0 && e.TURN_SECRET ? { urls, secret: e.TURN_SECRET, ttlS: CREDENTIAL_TTL_S } : undefined,
    agora:
      e.AGORA_APP_ID && e.AGORA_APP_CERTIFICATE
        ? { appId: e.AGORA_APP_ID, certificate: e.AGORA_APP_CERTIFICATE, ttlS: CREDENTIAL_TTL_S }
        : undefined,
  };
}
