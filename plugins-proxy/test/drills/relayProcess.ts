/**
 * A relay as its own process, for drills that kill it (SIGKILL leaves no chance to clean up) and
 * for several relays on one store. Configuration comes from the environment exactly as in
 * production (loadConfig); RELAY_TEST_OVERRIDES carries the test seams as JSON (limits on a
 * scaled minute, fast backoff, short leases, the bulk window). Prints `RELAY_READY <url>` on
 * stdout once listening; SIGTERM stops it gracefully.
 */
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createRelay, type RelayOverrides } from '../../src/relay/createRelay';

export const READY_PREFIX = 'RELAY_READY ';

export type RelayProcessOverrides = Pick<
  RelayOverrides,
  'xeroLimits' | 'backoff' | 'leaseMs' | 'bulkWindowMs'
>;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const overrides = JSON.parse(process.env.RELAY_TEST_OVERRIDES ?? '{}') as RelayProcessOverrides;
  // Logs go to stderr: stdout carries only the ready line the parent waits for.
  const logger = createLogger({ level: config.logLevel, destination: process.stderr });
  const relay = await createRelay(config, { ...overrides, logger });
  const url = await relay.start();
  process.stdout.write(`${READY_PREFIX}${url}\n`);
  process.once('SIGTERM', () => {
    relay.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`relay process failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
