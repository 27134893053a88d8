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

/** How much unwritten log a process keeps when its stdout is not being read; beyond it lines are dropped. */
export const LOG_BUFFER_BYTES = 8 * 1024 * 1024;

export type LogDestination = ReturnType<typeof pino.destination>;

/**
 * Standard output, written asynchronously: a full pipe (a log collector that stopped reading) must
 * never block the event loop, as a synchronous write would, freezing health checks, sockets and
 * shutdown alike. The buffer is bounded: past `LOG_BUFFER_BYTES` lines are dropped, not queued.
 */
export function createLogDestination(): LogDestination {
  return pino.destination({ dest: 1, sync: false, maxLength: LOG_BUFFER_BYTES });
}

/**
 * Writes what the destination still holds, for at most `budgetMs`, then lets go of it: the
 * process can exit without pino's exit handler flushing synchronously into a pipe nobody reads
 * (which would spin forever).
 */
export function settleLogs(destination: LogDestination, budgetMs: number): Promise<void> {
  // `destroyed` is public in sonic-boom but missing from its types.
  const destroyed = () => (destination as { destroyed?: boolean }).destroyed === true;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      if (!destroyed()) destination.destroy();
      resolve();
    };
    const timer = setTimeout(done, budgetMs);
    destination.once('close', done);
    if (destroyed()) done();
    else destination.end();
  });
}

/** `destination` defaults to stdout; tests pass a stream to read what was logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
