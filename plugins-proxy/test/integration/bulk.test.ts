/**
 * Bulk: 120 Queued rows for one connection go to Xero 50 documents per call and are written back
 * in $batch requests, one changeset per document, so the one invoice Xero refuses fails alone
 * with Xero's own message.
 */
import { CHOICES, COLUMNS, TABLES } from '../../../solution/names';
import { startHarness, type Harness } from './integrationHarness';
import type { Row } from './webApi';

const HC = COLUMNS.syncHistory;
const HS = CHOICES.syncHistoryStatus.values;
const COUNT = 120;
let h: Harness;
let rows: Row[];
let rowIds: string[];
let badRowId: string;
let documentCalls: string[];

beforeAll(async () => {
  h = await startHarness();
  // Rows are queued while the worker is paused, as "Sync selected" queues them in one go.
  await h.relay.worker.stop();
  rowIds = [];
  for (let i = 0; i < COUNT; i++) {
    const bad = i === 57;
    const invoiceId = await h.createInvoice({
      name: `Bulk ${i}`,
      lines: [{ product: 'WIDGET', quantity: 1 + (i % 3), ...(bad ? { glCode: '999' } : {}) }],
    });
    const rowId = await h.queueSync(invoiceId, CHOICES.trigger.values.bulk);
    rowIds.push(rowId);
    if (bad) badRowId = rowId;
  }
  await h.waitFor('every row to be queued in the relay', async () =>
    (await h.store.countJobsByState()).queued === COUNT ? true : undefined,
  );
  h.xero.admin.clearRequestLog();
  h.relay.worker.start();
  rows = [];
  for (const rowId of rowIds) rows.push(await h.waitForFinal(rowId, 60_000));
  documentCalls = h.xeroCalls(/^PUT \/Invoices$/);
}, 180_000);
afterAll(() => h?.stop());

it('syncs the 119 good invoices', () => {
  expect(rows.filter((r) => r[HC.status] === HS.succeeded)).toHaveLength(COUNT - 1);
});

it('sends the documents in 3 Xero calls of at most 50', () => {
  expect(documentCalls).toHaveLength(3);
});

it("fails the one invoice Xero refused, alone, with Xero's message", () => {
  const failed = rows.filter((r) => r[HC.status] === HS.failed);
  expect(failed.map((r) => r[TABLES.syncHistory.primaryId])).toEqual([badRowId]);
  expect(failed[0][HC.message]).toContain("Account code '999' is not a valid code for this document.");
});

it('keeps the bulk run to a handful of Xero calls besides the documents', () => {
  expect(h.xeroCalls().length).toBeLessThan(15);
});
