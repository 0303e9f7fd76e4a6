/**
 * The relay process: read the configuration, build the whole relay with createRelay (worker/relay.ts:
 * push, email and reference-data jobs, OAuth, the Xero webhook, payments and reference pulls,
 * keep-alive), listen, and stop cleanly on SIGINT/SIGTERM. `startRelay` is the intake-only
 * composition (app, store, queue, worker with the caller's handlers) that the intake bench runs.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { DataverseHttpClient } from './adapters/dataverse/client';
import { DataverseSyncRequestSource } from './adapters/dataverse/syncRequestSource';
import { MsalTokenProvider } from './adapters/dataverse/tokenProvider';
import { openStore } from './adapters/store/openStore';
import type { Store } from './adapters/store/store';
import { buildApp } from './relay/app';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { MetricsRegistry } from './metrics';
import { relayMetrics, type RelayMetrics } from './relayMetrics';
import { routeJobsByKind, type JobHandlers } from './jobs/jobRouter';
import { JobQueue } from './jobs/jobQueue';
import { createReconciler } from './jobs/reconciler';
import { createScheduler, type Scheduler } from './jobs/scheduler';
import type { SyncRequestSource } from './jobs/syncRequests';
import { WorkerLoop } from './jobs/workerLoop';
import { createRelay } from './relay/createRelay';

export interface RelayOverrides {
  readonly logger?: Logger;
  readonly handlers?: JobHandlers;
  readonly syncRequestSource?: SyncRequestSource;
  readonly checkDataverseToken?: () => Promise<void>;
  readonly extraRoutes?: ReadonlyArray<(app: FastifyInstance) => void>;
  /** Runs after the store and queue exist, to add scheduled tasks (payments, reference data, keep-alive). */
  readonly schedule?: (scheduler: Scheduler, runtime: { store: Store; queue: JobQueue }) => void;
}

export interface RunningRelay {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly store: Store;
  readonly queue: JobQueue;
  readonly worker: WorkerLoop;
  readonly metrics: MetricsRegistry;
  /** Feed the Xero gateway's onCall into `relayMetrics.xeroCall`. */
  readonly relayMetrics: RelayMetrics;
  stop(): Promise<void>;
}

function dataverseSeams(
  config: Config,
  recorded: RelayMetrics,
): Pick<RelayOverrides, 'syncRequestSource' | 'checkDataverseToken'> {
  const tokenProvider = new MsalTokenProvider({
    tenantId: config.entra.tenantId,
    clientId: config.entra.clientId,
    clientSecret: config.entra.clientSecret,
    resourceUrl: config.dataverseUrl,
    authorityHost: config.entra.authorityHost,
    authorityMetadata: config.entra.authorityMetadata,
  });
  const client = new DataverseHttpClient({
    url: config.dataverseUrl,
    tokenProvider,
    onRequest: (event) => recorded.dataverseRequest(event),
  });
  return {
    syncRequestSource: new DataverseSyncRequestSource(client),
    checkDataverseToken: async () => void (await tokenProvider.getToken()),
  };
}

export async function startRelay(config: Config, overrides: RelayOverrides = {}): Promise<RunningRelay> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const metrics = new MetricsRegistry();
  const recorded = relayMetrics(metrics, config.orgId);
  const needsDataverse = !overrides.syncRequestSource || !overrides.checkDataverseToken;
  const dataverse = needsDataverse ? dataverseSeams(config, recorded) : {};
  const syncRequestSource = overrides.syncRequestSource ?? (dataverse.syncRequestSource as SyncRequestSource);
  const checkDataverseToken =
    overrides.checkDataverseToken ?? (dataverse.checkDataverseToken as () => Promise<void>);

  const store = await openStore(config.databaseUrl, config.orgId, {
    onConnectionError: (error) => logger.warn({ err: error }, 'the database dropped an idle connection'),
  });
  const queue = new JobQueue(store, { maxAttempts: config.jobMaxAttempts });
  const owner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const worker = new WorkerLoop({
    queue,
    handler: routeJobsByKind(overrides.handlers ?? {}),
    owner,
    concurrency: config.workerConcurrency,
    logger,
    metrics,
  });
  const scheduler = createScheduler({ logger });
  const reconciler = createReconciler({
    queue,
    listQueuedSyncRows: () => syncRequestSource.listQueued(),
    logger,
  });
  scheduler.every('reconciler', config.reconcilerIntervalMs, () => reconciler.runOnce(), {
    runImmediately: true,
  });
  overrides.schedule?.(scheduler, { store, queue });

  const app = buildApp({
    config,
    logger,
    store,
    queue,
    syncRequestSource,
    checkDataverseToken,
    metrics,
    extraRoutes: overrides.extraRoutes,
  });
  const url = await app.listen({ host: config.host, port: config.port });
  worker.start();
  logger.info({ url, store: store.dialect, owner, orgId: config.orgId }, 'relay listening');

  return {
    app,
    url,
    store,
    queue,
    worker,
    metrics,
    relayMetrics: recorded,
    async stop() {
      await scheduler.stop();
      await app.close();
      await worker.stop();
      await store.close();
      logger.info('relay stopped');
    },
  };
}

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

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `The relay could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
