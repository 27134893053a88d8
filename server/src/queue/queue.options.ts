/**
 * Live queue settings from the environment. Invalid values stop the start with a clear message.
 * A live session's timings and media settings are the calls domain's (its own options).
 */
import { z } from 'zod';

export interface QueueOptions {
  /** Hours before two people who met in the live queue may be paired again (0 = at once). */
  repairHours: number;
  /** How often every node sweeps the queue for pairs and pushes changed positions. */
  sweepMs: number;
  /** How often a node checks that its waiting users still have a socket (a disconnect it missed). */
  presenceMs: number;
}

const schema = z.object({
  FLINT_LIVE_REPAIR_H: z.coerce.number().min(0).default(24),
  FLINT_QUEUE_SWEEP_MS: z.coerce.number().int().min(50).default(1000),
});

export function queueOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): QueueOptions {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid live queue configuration:\n${lines.join('\n')}`);
  }
  return {
    repairHours: parsed.data.FLINT_LIVE_REPAIR_H,
    sweepMs: parsed.data.FLINT_QUEUE_SWEEP_MS,
    presenceMs: 10_000,
  };
}
