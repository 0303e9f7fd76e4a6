/**
 * The main path end to end over real HTTP: a sales invoice queued as the ribbon does is sent to
 * the Xero emulator and written back to the Dataverse emulator.
 */
import { CHOICES, COLUMNS } from '../../../solution/names';
import { startHarness, type Harness } from './integrationHarness';

const HC = COLUMNS.syncHistory;
const IC = COLUMNS.invoice;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.stop());

it('sends a sales invoice to Xero and writes the result back to the invoice and the history row', async () => {
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET', quantity: 2 }] });
  const rowId = await h.queueSync(invoiceId);
  const row = await h.waitForFinal(rowId);
  expect(row[HC.message]).toMatch(/^Sent to Xero as INV-/);
  expect(row[HC.status]).toBe(CHOICES.syncHistoryStatus.values.succeeded);
  const invoice = await h.invoiceRow(invoiceId);
  expect(invoice).toMatchObject({
    [IC.syncStatus]: CHOICES.syncStatus.values.synced,
    [IC.xeroStatus]: 'AUTHORISED',
    [IC.amountDue]: 110,
  });
  const inXero = h.xeroInvoice(invoice[IC.xeroId]);
  expect(inXero).toMatchObject({ Type: 'ACCREC', Total: 110, InvoiceNumber: invoice[IC.xeroNumber] });
});

it('reads the snapshot in at most 3 Dataverse requests and writes the result back in one $batch', async () => {
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }, { product: 'GADGET' }] });
  await h.relay.worker.stop();
  const rowId = await h.queueSync(invoiceId);
  await h.waitFor('the job to be queued', async () => ((await h.store.getJob(rowId)) ? true : undefined));
  h.dataverse.admin.requestLog.clear();
  h.relay.worker.start();
  await h.waitFor('the job to finish', async () =>
    (await h.store.getJob(rowId))?.state === 'succeeded' ? true : undefined,
  );
  const requests = h.dataverse.admin.requestLog
    .snapshot()
    .entries.map((e) => `${e.method} ${e.path.split('?')[0]}`);
  const [inProgress, ...rest] = requests;
  const writeBack = rest.pop();
  expect(inProgress).toMatch(/^PATCH \/api\/data\/v9\.2\/stl_synchistories\(/);
  expect(writeBack).toBe('POST /api/data/v9.2/$batch');
  expect(rest.length).toBeLessThanOrEqual(3);
});
