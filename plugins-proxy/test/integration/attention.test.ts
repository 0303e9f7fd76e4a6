/**
 * When retrying cannot help: a connection without usable Xero tokens holds the job (a reconnect
 * releases it), and a transient failure that outlasts the attempts ends Failed with what to do.
 */
import { CHOICES, COLUMNS, TABLES } from '../../../solution/names';
import { startHarness, type Harness } from './integrationHarness';

const HC = COLUMNS.syncHistory;
const IC = COLUMNS.invoice;
const MAX_ATTEMPTS = 2;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ maxAttempts: MAX_ATTEMPTS });
}, 60_000);
afterAll(() => h?.stop());
afterEach(() => h.xero.admin.clearFaults());

it('fails with what to do once Xero keeps failing for every attempt, without a document in Xero', async () => {
  h.xero.admin.addFault({ kind: 'status', status: 503, count: 1000, path: '/Invoices$' });
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  const row = await h.waitForFinal(await h.queueSync(invoiceId));
  expect(row[HC.status]).toBe(CHOICES.syncHistoryStatus.values.failed);
  expect(row[HC.message]).toMatch(new RegExp(`^Gave up after ${MAX_ATTEMPTS} attempts: Xero did not accept`));
  expect(row[HC.message]).toContain('click Sync to Xero again');
  expect(row[HC.message]).toContain('holds no copy of this document');
  expect((await h.invoiceRow(invoiceId))[IC.syncStatus]).toBe(CHOICES.syncStatus.values.failed);
  const { invoicenumber } = await h.api.get(`invoices(${invoiceId})?$select=invoicenumber`);
  expect(h.xeroInvoices().filter((i) => i.Reference === invoicenumber)).toEqual([]);
});

it('holds the job and marks the row and the connection when the connection has no Xero tokens', async () => {
  await h.store.deleteToken(h.seed.connectionId);
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  const rowId = await h.queueSync(invoiceId);
  const job = await h.waitFor('the job to be held', async () => {
    const found = await h.store.getJob(rowId);
    return found?.state === 'held' ? found : undefined;
  });
  expect(job.lastError).toBeTruthy();
  expect(String((await h.historyRow(rowId))[HC.message])).toMatch(/^Waiting for the Xero connection: /);
  const connection = await h.api.get(`${TABLES.connection.entitySet}(${h.seed.connectionId})`);
  expect(connection[COLUMNS.connection.status]).toBe(CHOICES.connectionStatus.values.needsAttention);
  expect(connection[COLUMNS.connection.lastError]).toBeTruthy();
});
