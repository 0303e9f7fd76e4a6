/**
 * A job run again after a crash between Xero's success and the write-back: the document is
 * already in Xero, so the re-run must not try to create its items again (a concurrent push may
 * have made Xero refuse them) and must write back what Xero holds.
 */
import type { Item } from 'xero-node';
import { CHOICES, COLUMNS } from '../../../solution/names';
import type { XeroGateway } from '../../src/adapters/xero/gateway';
import { createLogger } from '../../src/logger';
import { JobOutcomes } from '../../src/jobs/outcomes';
import { PushRun } from '../../src/push/pushRun';
import { startHarness, type Harness } from '../integration/integrationHarness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.stop());

/** Xero as a racing push leaves it: reads miss the item, creates are refused as duplicates. */
function racedItems(gateway: XeroGateway, createdItems: string[]): XeroGateway {
  return new Proxy(gateway, {
    get(target, name, receiver) {
      if (name === 'getItems') return async () => ({ status: 200, headers: {}, body: { items: [] } });
      if (name === 'createItems')
        return async (_c: string, items: Item[]) => {
          createdItems.push(...items.map((i) => String(i.code)));
          return {
            status: 200,
            headers: {},
            body: {
              items: items.map((i) => ({
                ...i,
                validationErrors: [{ message: `Item code '${i.code}' already exists.` }],
              })),
            },
          };
        };
      const value = Reflect.get(target, name, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

it('writes back the document Xero already holds without creating its items again', async () => {
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  await h.relaunchRelay({
    afterXeroSend: async () => {
      throw new Error('simulated crash after Xero accepted the document');
    },
  });
  const rowId = await h.queueSync(invoiceId);
  const inXero = await h.waitFor(
    'Xero to hold the invoice',
    async () => (await h.store.getIdempotency(rowId))?.xeroDocumentId ?? undefined,
  );
  await h.relay.worker.stop();
  const job = (await h.store.getJob(rowId))!;
  const createdItems: string[] = [];
  const run = new PushRun(
    { dataverse: h.relay.dataverse, gateway: racedItems(h.relay.xero, createdItems), store: h.store },
    createLogger({ level: 'silent' }),
  );
  const outcomes = await run.run([job]);
  const row = await h.historyRow(rowId);
  expect({
    outcome: outcomes.get(rowId),
    createdItems,
    status: row[COLUMNS.syncHistory.status],
    xeroId: (await h.invoiceRow(invoiceId))[COLUMNS.invoice.xeroId],
  }).toEqual({
    outcome: JobOutcomes.succeeded(),
    createdItems: [],
    status: CHOICES.syncHistoryStatus.values.succeeded,
    xeroId: inXero,
  });
}, 60_000);
