/**
 * The relay's one composition root: every part built from the configuration, with the seams tests,
 * the sandbox and the benchmarks replace (docs/architecture.md). start() listens; stop() drains.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { DataverseHttpClient, type DataverseClient } from '../adapters/dataverse/client';
import { KeyReadyDataverseClient } from '../adapters/dataverse/keyReadiness';
import { DataverseSyncRequestSource } from '../adapters/dataverse/syncRequestSource';
import { MsalTokenProvider, type TokenProvider } from '../adapters/dataverse/tokenProvider';
import { openStore } from '../adapters/store/openStore';
import type { Store } from '../adapters/store/store';
import type { AccessTokenProvider, XeroGateway } from '../adapters/xero/gateway';
import type { XeroLimits } from '../adapters/xero/limiter';
import type { Config } from '../config';
import type { ConnectionServices } from '../connections/connectionServices';
import type { BackoffPolicy } from '../jobs/backoff';
import { JobQueue } from '../jobs/jobQueue';
import { routeJobsByKind, type JobHandlers } from '../jobs/jobRouter';
import { createReconciler, type ReconcileResult } from '../jobs/reconciler';
import { createScheduler, type Scheduler } from '../jobs/scheduler';
import { WorkerLoop } from '../jobs/workerLoop';
import { createLogger } from '../logger';
import { MetricsRegistry } from '../metrics';
import type { ConnectFlow } from '../oauth/connectFlow';
import type { TokenManager } from '../oauth/tokenManager';
import { createEmailHandler } from '../push/emailHandler';
import { createGaveUpWriter } from '../push/gaveUp';
import { createPushHandler } from '../push/pushHandler';
import { relayMetrics } from '../relayMetrics';
import { buildApp } from './app';
import { wireConnections } from './connectionWiring';
import { createXeroAccess } from './xeroAccess';

export interface RelayOverrides {
  logger?: Logger;
  store?: Store;
  dataverseTokenProvider?: TokenProvider;
  getXeroAccessToken?: AccessTokenProvider;
  xeroLimits?: Partial<XeroLimits>;
  backoff?: BackoffPolicy;
  leaseMs?: number;
  /** How often the worker looks for due jobs (default 1 s); retries become due between polls. */
  pollIntervalMs?: number;
  /** How long a push job waits for others to batch with (default 100 ms). */
  bulkWindowMs?: number;
  /** Runs after Xero accepted documents, before the write-back: crash tests throw here. */
  afterXeroSend?: (jobIds: readonly string[]) => Promise<void>;
  /** Replace the handlers of these job kinds (fakes for tests and the intake bench). */
  handlers?: JobHandlers;
  /** Keep the store open on stop (a test restarts a relay on the same store). */
  keepStoreOpen?: boolean;
}

export interface Relay {
  app: FastifyInstance;
  store: Store;
  queue: JobQueue;
  worker: WorkerLoop;
  dataverse: DataverseClient;
  xero: XeroGateway;
  tokenManager: TokenManager;
  metrics: MetricsRegistry;
  /** Connection health, reference data, payments back. */
  connections: ConnectionServices;
  /** The reconciler, payments, reference-data and keep-alive schedules. */
  scheduler: Scheduler;
  /** Connect, callback, choose organisation, disconnect (the /oauth routes). */
  flow: ConnectFlow;
  /** Listens on config.host:config.port and starts the worker and reconciler; returns the URL. */
  start(): Promise<string>;
  /** One reconciler pass now (it also runs at start and every RECONCILER_INTERVAL_MS). */
  reconcile(): Promise<ReconcileResult>;
  stop(): Promise<void>;
}

function dataverseTokenProvider(config: Config): TokenProvider {
  return new MsalTokenProvider({
    tenantId: config.entra.tenantId,
    clientId: config.entra.clientId,
    clientSecret: config.entra.clientSecret,
    resourceUrl: config.dataverseUrl,
    authorityHost: config.entra.authorityHost,
    authorityMetadata: config.entra.authorityMetadata,
  });
}

export async function createRelay(config: Config, overrides: RelayOverrides = {}): Promise<Relay> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const metrics = new MetricsRegistry();
  const recorded = relayMetrics(metrics, config.orgId);
  const store =
    overrides.store ??
    (await openStore(config.databaseUrl, config.orgId, {
      onConnectionError: (error) => logger.warn({ err: error }, 'the database dropped an idle connection'),
    }));

  const tokenProvider = overrides.dataverseTokenProvider ?? dataverseTokenProvider(config);
  // Alternate keys are usable only once Active: the first upserts after an import or Connect wait.
  const dataverse: DataverseClient = new KeyReadyDataverseClient(
    new DataverseHttpClient({
      url: config.dataverseUrl,
      tokenProvider,
      onRequest: (event) => recorded.dataverseRequest(event),
    }),
  );
  const syncRequestSource = new DataverseSyncRequestSource(dataverse);
  const { identity, cipher, tokenManager, limiter, xero } = createXeroAccess({
    config,
    store,
    logger,
    limits: overrides.xeroLimits,
    getAccessToken: overrides.getXeroAccessToken,
    onCall: (event) => recorded.xeroCall(event),
  });
  const scheduler = createScheduler({ logger });
  const connections = wireConnections({
    config,
    logger,
    store,
    dataverse,
    xero,
    identity,
    cipher,
    tokenManager,
    scheduler,
    limiter,
  });
  const onNeedsAttention = connections.onNeedsAttention;

  const queue = new JobQueue(store, {
    maxAttempts: config.jobMaxAttempts,
    backoff: overrides.backoff,
    leaseMs: overrides.leaseMs,
    onGaveUp: createGaveUpWriter(dataverse, logger, undefined, store),
  });
  const push = createPushHandler(
    {
      dataverse,
      gateway: xero,
      store,
      onNeedsAttention,
      afterXeroSend: overrides.afterXeroSend,
      dynamicsUrl: config.dataverseUrl,
    },
    queue,
    { windowMs: overrides.bulkWindowMs },
  );
  const worker = new WorkerLoop({
    queue,
    handler: routeJobsByKind({
      ...connections.services.handlers,
      push,
      email: createEmailHandler({ dataverse, gateway: xero, store, onNeedsAttention }),
      ...overrides.handlers,
    }),
    owner: `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    concurrency: config.workerConcurrency,
    logger,
    metrics,
    pollIntervalMs: overrides.pollIntervalMs,
  });
  const reconciler = createReconciler({
    queue,
    listQueuedSyncRows: () => syncRequestSource.listQueued(),
    logger,
  });
  const app = buildApp({
    config,
    logger,
    store,
    queue,
    syncRequestSource,
    checkDataverseToken: async () => void (await tokenProvider.getToken()),
    metrics,
    routes: connections.routes,
  });

  return {
    app,
    store,
    queue,
    worker,
    dataverse,
    xero,
    tokenManager,
    metrics,
    connections: connections.services,
    scheduler,
    flow: connections.flow,
    async start() {
      const url = await app.listen({ host: config.host, port: config.port });
      worker.start();
      scheduler.every('reconciler', config.reconcilerIntervalMs, () => reconciler.runOnce(), {
        runImmediately: true,
      });
      logger.info({ url, store: store.dialect }, 'relay listening');
      return url;
    },
    reconcile: () => reconciler.runOnce(),
    // Timers first (no new pulls), then intake (no new jobs), then the running jobs and pulls.
    async stop() {
      await scheduler.stop();
      await app.close();
      await worker.stop();
      await connections.services.stop();
      if (!overrides.keepStoreOpen) await store.close();
      logger.info('relay stopped');
    },
  };
}
