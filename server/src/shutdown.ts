/**
 * How the server process stops on SIGINT/SIGTERM: `close()` gets a deadline, after which the process
 * exits non-zero with a log line naming the close step it was stuck in and what the event loop still
 * held; a second signal exits at once. A process that never finishes shutting down (seen: alive
 * 45 minutes after SIGTERM, not listening, with a file-system request and half-closed sockets
 * pending) blocks its own restart.
 */
import type { LogDestination, Logger } from './logger.ts';
import { settleLogs } from './logger.ts';

export interface ShutdownDeps {
  close(): Promise<void>;
  /** What close is doing right now. */
  step(): string;
  logger: Logger;
  destination: LogDestination;
  timeoutMs: number;
}

/** Time the last log lines get to reach stdout before the process exits anyway. */
const LOG_BUDGET_MS = 1_000;
const SECOND_SIGNAL_LOG_BUDGET_MS = 200;

/** The event loop's handles and requests still open, by kind (e.g. `{ TCPSocketWrap: 3, FSReqCallback: 1 }`). */
export function openResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

export function handleSignals(deps: ShutdownDeps): void {
  const { logger } = deps;
  let stopping = false;
  let exiting = false;
  const exit = (code: number, budgetMs: number) => {
    if (exiting) return process.exit(code);
    exiting = true;
    void settleLogs(deps.destination, budgetMs).then(() => process.exit(code));
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (exiting) return process.exit(1);
    if (stopping) {
      logger.fatal({ signal, step: deps.step() }, 'second signal: exiting now');
      return exit(1, SECOND_SIGNAL_LOG_BUDGET_MS);
    }
    stopping = true;
    logger.info({ signal, timeoutMs: deps.timeoutMs }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.fatal(
        { step: deps.step(), open: openResources() },
        `shutdown did not finish within ${deps.timeoutMs / 1000} s (stuck in: ${deps.step()}); exiting`,
      );
      exit(1, LOG_BUDGET_MS);
    }, deps.timeoutMs);
    deps.close().then(
      () => {
        clearTimeout(deadline);
        logger.info('shut down');
        exit(0, LOG_BUDGET_MS);
      },
      (err: unknown) => {
        clearTimeout(deadline);
        logger.error({ err }, 'shutdown failed');
        exit(1, LOG_BUDGET_MS);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onSignal);
}
