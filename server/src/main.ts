/** The server process: the only place that reads the real environment and listens on a port. */
import { createApp } from './app.ts';
import { type Config, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
const config = configOrExit();
const logger = createLogger(config.logLevel);
const app = await createApp({ config, logger });
const url = await app.listen(config.port, config.host);
logger.info({ url, db: app.db.kind, redis: Boolean(config.redisUrl), nodeId: config.nodeId }, `Flint server ready at ${url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
