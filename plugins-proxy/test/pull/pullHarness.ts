/**
 * The integration harness (both emulators, the built solution, the relay from createRelay) plus a
 * second set of connection services under test, on the relay's Dataverse client and Xero gateway
 * but their own in-memory job store, so tests see the jobs they hold without the relay's worker.
 */
import { CHOICES, COLUMNS, STATE_COLUMNS } from '../../../solution/names';
import { openMemoryStore } from '../../src/adapters/store/openStore';
import type { Store } from '../../src/adapters/store/store';
import { createLogger } from '../../src/logger';
import {
  registerConnectionServices,
  type ConnectionServices,
} from '../../src/connections/connectionServices';
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
  const h = await startHarness();
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
