/**
 * The integration harness (both emulators, the built solution, a connected connection, the relay)
 * plus the connection services of src/pull wired on the relay's own Dataverse client, Xero gateway
 * and token manager. The refreshReference handler is routed through the relay's worker, so a
 * Refresh reference data row goes the whole way from Dataverse to the handler and back.
 * `services.store` is a separate in-memory store by default, so tests see the jobs they hold.
 */
import { CHOICES, COLUMNS, STATE_COLUMNS } from '../../../solution/names';
import { openMemoryStore } from '../../src/adapters/store/openStore';
import type { Store } from '../../src/adapters/store/store';
import { createLogger } from '../../src/logger';
import {
  registerConnectionServices,
  type ConnectionServices,
} from '../../src/connections/connectionServices';
import type { JobHandler } from '../../src/jobs/outcomes';
import { createScheduler, type Scheduler } from '../../src/jobs/scheduler';
import { startHarness, type Harness } from '../integration/integrationHarness';
import type { Row } from '../integration/webApi';

export interface PullHarness {
  h: Harness;
  services: ConnectionServices;
  scheduler: Scheduler;
  /** The store the services hold and release jobs in. */
  jobs: Store;
  connectionId: string;
  /** Pushes a new one-line document (110.00 with tax) through the relay; answers its ids. */
  syncedInvoice(documentType?: number): Promise<{ invoiceId: string; xeroId: string; xeroNumber: string }>;
  /** The connection's rows of a table, with the given columns and statecode/statuscode. */
  rowsOf(entitySet: string, select: string[]): Promise<Row[]>;
  stop(): Promise<void>;
}

const HOUR = 60 * 60 * 1000;

export async function startPullHarness(): Promise<PullHarness> {
  const routed: { refreshReference?: JobHandler } = {};
  const h = await startHarness({
    relay: {
      extraHandlers: { refreshReference: (job, context) => routed.refreshReference!(job, context) },
    },
  });
  const logger = createLogger({ level: 'silent' });
  const scheduler = createScheduler({ logger });
  const jobs = openMemoryStore();
  const services = registerConnectionServices({
    scheduler,
    store: jobs,
    dataverse: h.relay.dataverse,
    xero: h.relay.xero,
    logger,
    config: { paymentsIntervalMs: HOUR, referenceIntervalMs: HOUR },
  });
  routed.refreshReference = services.handlers.refreshReference;
  const connectionId = h.seed.connectionId;

  return {
    h,
    services,
    scheduler,
    jobs,
    connectionId,
    async syncedInvoice(documentType) {
      const invoiceId = await h.createInvoice({ documentType, lines: [{ product: 'WIDGET', quantity: 2 }] });
      const row = await h.waitForFinal(await h.queueSync(invoiceId));
      if (row[COLUMNS.syncHistory.status] !== CHOICES.syncHistoryStatus.values.succeeded)
        throw new Error(`The push of the test invoice failed: ${String(row[COLUMNS.syncHistory.message])}`);
      const invoice = await h.invoiceRow(invoiceId);
      return {
        invoiceId,
        xeroId: String(invoice[COLUMNS.invoice.xeroId]),
        xeroNumber: String(invoice[COLUMNS.invoice.xeroNumber]),
      };
    },
    rowsOf(entitySet, select) {
      const columns = [...select, STATE_COLUMNS.stateCode, STATE_COLUMNS.statusCode].join(',');
      return h.api.list(
        `${entitySet}?$select=${columns}&$filter=_${COLUMNS.glCode.connectionId}_value eq ${connectionId}`,
      );
    },
    async stop() {
      await scheduler.stop();
      await services.stop();
      await jobs.close();
      await h.stop();
    },
  };
}
