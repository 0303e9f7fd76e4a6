/**
 * Everything the relay does for a Xero connection beyond pushing documents, wired in one call: health,
 * reference data, payments back, token keep-alive (docs/architecture.md#connection-health-and-services).
 */
import type { Logger } from 'pino';
import type { DataverseClient } from '../adapters/dataverse/client';
import type { Store } from '../adapters/store/store';
import type { XeroGateway } from '../adapters/xero/gateway';
import type { XeroRateLimiter } from '../adapters/xero/limiter';
import type { Config } from '../config';
import { DataverseConnectionRows } from './connectionRows';
import { createConnectionHealth, type ConnectionHealth } from './health';
import type { TokenHealth, TokenManager } from '../oauth/tokenManager';
import type { JobHandler } from '../jobs/outcomes';
import type { Scheduler } from '../jobs/scheduler';
import type { TargetedPull } from '../xeroWebhooks/events';
import { createPaymentPuller, type PaymentPuller } from '../pull/payments';
import {
  createReferenceDataHandler,
  createReferencePuller,
  type ReferencePuller,
} from '../pull/referenceJob';
import { createTargetedPull } from '../pull/targetedPull';

export const SCHEDULED_TASKS = {
  payments: 'payments-pull',
  referenceData: 'reference-data-pull',
  keepAlive: 'token-keep-alive',
} as const;

const KEEP_ALIVE_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface ConnectionServicesDeps {
  readonly scheduler: Scheduler;
  readonly store: Store;
  readonly dataverse: DataverseClient;
  readonly xero: XeroGateway;
  /** Its refreshes update the connection rows' health; the keep-alive refreshes idle connections. */
  readonly tokenManager?: Pick<TokenManager, 'refreshIdleConnections' | 'onRefreshed'>;
  readonly logger: Logger;
  readonly config: Pick<Config, 'paymentsIntervalMs' | 'referenceIntervalMs'>;
  /** The shared limiter: its X-DayLimit-Remaining, counted down since, is the freshest calls-left figure. */
  readonly limiter?: Pick<XeroRateLimiter, 'budget'>;
  /** Default true; false when the composition root schedules refreshIdleConnections itself. */
  readonly scheduleKeepAlive?: boolean;
  readonly now?: () => number;
}

export interface ConnectionServices {
  readonly handlers: { readonly refreshReference: JobHandler };
  /** The Xero webhook route's onEvents. */
  onXeroEvents(pulls: readonly TargetedPull[]): Promise<void>;
  /** The connect flow's onConnected: held jobs released, reference data pulled. */
  onConnected(connectionId: string): Promise<void>;
  /** TokenManager's onRefreshed. */
  onTokenRefreshed(connectionId: string, health: TokenHealth): Promise<void>;
  /** The ConnectionRows port for the connect flow, and the Connected rows for listConnectionIds. */
  readonly connectionRows: DataverseConnectionRows;
  readonly health: ConnectionHealth;
  readonly payments: PaymentPuller;
  readonly referenceData: ReferencePuller;
  /** Waits for webhook pulls and on-connect pulls still running (the scheduler is stopped by its owner). */
  stop(): Promise<void>;
}

export function registerConnectionServices(deps: ConnectionServicesDeps): ConnectionServices {
  const now = deps.now ?? Date.now;
  const rows = new DataverseConnectionRows(deps.dataverse);
  const health = createConnectionHealth({ rows, store: deps.store, logger: deps.logger, now });
  const tenants = new Map<string, string>();
  const seenCallsLeft = new Map<string, number>();
  const onXeroHeaders = (connectionId: string, headers: Record<string, string>) => {
    const left = Number(headers['x-daylimit-remaining']);
    if (headers['x-daylimit-remaining'] !== undefined && Number.isFinite(left))
      seenCallsLeft.set(connectionId, left);
  };
  const dailyCallsLeft = (connectionId: string) => {
    const tenantId = tenants.get(connectionId);
    return (
      (tenantId ? deps.limiter?.budget(tenantId).dayRemaining : undefined) ?? seenCallsLeft.get(connectionId)
    );
  };
  const listConnections = async () => {
    const connected = await rows.listConnected();
    for (const row of connected) if (row.tenantId) tenants.set(row.id, row.tenantId);
    return connected;
  };

  const referenceData = createReferencePuller({
    dataverse: deps.dataverse,
    xero: deps.xero,
    health,
    logger: deps.logger,
    dailyCallsLeft,
    onXeroHeaders,
    now,
  });
  const payments = createPaymentPuller({
    dataverse: deps.dataverse,
    xero: deps.xero,
    store: deps.store,
    health,
    logger: deps.logger,
    dailyCallsLeft,
    onXeroHeaders,
    now,
  });
  const targeted = createTargetedPull({ puller: payments, listConnections, logger: deps.logger });
  const running = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    running.add(work);
    return work.finally(() => running.delete(work));
  };

  deps.scheduler.every(SCHEDULED_TASKS.payments, deps.config.paymentsIntervalMs, async () => {
    for (const connection of await listConnections()) await payments.scheduled(connection.id);
  });
  deps.scheduler.every(SCHEDULED_TASKS.referenceData, deps.config.referenceIntervalMs, async () => {
    for (const connection of await listConnections()) await referenceData.run(connection.id);
  });
  const unsubscribe = deps.tokenManager?.onRefreshed((id, tokenHealth) =>
    health.recordRefresh(id, tokenHealth),
  );
  if (deps.tokenManager && deps.scheduleKeepAlive !== false) {
    const tokenManager = deps.tokenManager;
    deps.scheduler.every(SCHEDULED_TASKS.keepAlive, KEEP_ALIVE_INTERVAL_MS, async () => {
      const ids = (await listConnections()).map((row) => row.id);
      const report = await tokenManager.refreshIdleConnections(now(), ids);
      for (const error of report.needsAttention) await health.markNeedsAttention(error);
      for (const failure of report.failed)
        await health.update(failure.connectionId, { lastError: failure.message });
    });
  }

  return {
    handlers: {
      refreshReference: createReferenceDataHandler({ dataverse: deps.dataverse, puller: referenceData, now }),
    },
    onXeroEvents: (pulls) => track(targeted(pulls).then(() => undefined)),
    onConnected: (connectionId) =>
      track(
        (async () => {
          await health.recordReconnected(connectionId);
          await referenceData.run(connectionId);
        })(),
      ),
    onTokenRefreshed: (connectionId, tokenHealth) => health.recordRefresh(connectionId, tokenHealth),
    connectionRows: rows,
    health,
    payments,
    referenceData,
    async stop() {
      unsubscribe?.();
      await Promise.allSettled([...running]);
    },
  };
}
