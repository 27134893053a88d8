/** The server process: the only place that reads the real environment and listens on a port. */
import { createApp } from './app.ts';
import { type Config, loadConfig } from './config.ts';
import { createLogDestination, createLogger, settleLogs } from './logger.ts';
import { handleSignals } from './shutdown.ts';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
const config = configOrExit();
const destination = createLogDestination();
const logger = createLogger(config.logLevel, destination);
async function appOrExit() {
  try {
    return await createApp({ config, logger });
  } catch (err) {
    // e.g. the data dir is another server's (DataDirLockedError): say so plainly and stop.
    logger.fatal({ err }, `cannot start: ${(err as Error).message}`);
    await settleLogs(destination, 1_000);
    process.exit(1);
  }
}
const app = await appOrExit();
handleSignals({ close: () => app.close(), step: () => app.shutdownStep(), logger, destination, timeoutMs: config.shutdownTimeoutS * 1000 });
const url = await app.listen(config.port, config.host);
logger.info({ url, db: app.db.kind, redis: Boolean(config.redisUrl), nodeId: config.nodeId }, `Flint server ready at ${url}`);
