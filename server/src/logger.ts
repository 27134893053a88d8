import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths pino removes from every log line: tokens must never reach a log. */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'auth.token',
  '*.auth.token',
  'handshake.auth',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
}
