import { type DestinationStream, type Logger, pino } from 'pino';

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

/** `destination` defaults to stdout; tests pass a stream to read what was logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
