/**
 * The relay process: read the configuration, build the relay (relay/createRelay.ts), listen, and
 * stop cleanly on SIGINT/SIGTERM.
 */
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { createRelay } from './relay/createRelay';

/** How long running jobs get to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 30_000;

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee plugins-proxy/.env.example for every variable.\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel });
  const relay = await createRelay(config, { logger });
  await relay.start();
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping: finishing running jobs');
    setTimeout(() => {
      logger.error(
        'running jobs did not finish in time; their leases will expire and another worker resumes them',
      );
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    relay.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The relay could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
