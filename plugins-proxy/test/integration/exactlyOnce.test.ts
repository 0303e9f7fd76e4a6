/**
 * Exactly-once without trusting Xero's Idempotency-Key beyond its 6 minutes (reference §3.3,
 * docs/xero-behaviour.md#exactly-once): against the Xero emulator, whose clock a test moves on
 * between a lost answer and the relay's retry.
 */
import { CHOICES, COLUMNS } from '../../../solution/names';
import { startHarness, type Harness } from './integrationHarness';
import { CONNECTION_DEFAULTS } from './seed';

const HC = COLUMNS.syncHistory;
const IC = COLUMNS.invoice;
const DOC = CHOICES.documentType.values;
const HS = CHOICES.syncHistoryStatus.values;
const SEVEN_MINUTES = 7 * 60_000;
let h: Harness;

beforeAll(async () => {
  // Retries come a second and a half later: time to move the emulator's clock in between.
  h = await startHarness({ relay: { backoff: { baseDelayMs: 1500, maxDelayMs: 1500 } } });
}, 60_000);
afterAll(() => h?.stop());
beforeEach(() => h.setConnection(CONNECTION_DEFAULTS));
beforeEach(() => h.xero.admin.clearRequestLog());
afterEach(() => h.xero.admin.clearFaults());

const sent = (pattern: RegExp) => h.xero.admin.requestLog().requests.filter((r) => pattern.test(r.path));

async function numberOf(invoiceId: string): Promise<string> {
  return String((await h.api.get(`invoices(${invoiceId})?$select=invoicenumber`)).invoicenumber);
}

it('finds a bill whose answer was lost, instead of sending it again, when the retry comes after Xero forgot the key', async () => {
  h.xero.admin.addFault({ kind: 'lose', path: '/Invoices$' });
  const invoiceId = await h.createInvoice({
    documentType: DOC.purchaseInvoice,
    lines: [{ product: 'GADGET' }],
  });
  const rowId = await h.queueSync(invoiceId);
  await h.waitFor('the lost PUT', async () =>
    sent(/\/Invoices$/).some((r) => r.method === 'PUT') ? true : undefined,
  );
  h.xero.admin.advanceClock(SEVEN_MINUTES);
  const row = await h.waitForFinal(rowId);
  const number = await numberOf(invoiceId);
  expect(row[HC.status]).toBe(HS.succeeded);
  expect(h.xeroInvoices().filter((i) => i.Type === 'ACCPAY' && i.InvoiceNumber === number)).toHaveLength(1);
});

it('sends again under a new key after Xero kept an internal error under the first one', async () => {
  h.xero.admin.addFault({ kind: 'status', status: 500, cached: true, path: '/Invoices$' });
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  const row = await h.waitForFinal(await h.queueSync(invoiceId));
  const keys = sent(/\/Invoices$/)
    .filter((r) => r.method === 'PUT')
    .map((r) => r.idempotencyKey);
  expect(row[HC.status]).toBe(HS.succeeded);
  expect(new Set(keys).size).toBe(2);
  const number = await numberOf(invoiceId);
  expect(h.xeroInvoices().filter((i) => i.Reference === number)).toHaveLength(1);
});

it('never asks Xero twice to email an invoice whose first answer was lost', async () => {
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  const synced = await h.waitForFinal(await h.queueSync(invoiceId));
  expect(synced[HC.status]).toBe(HS.succeeded);
  const xeroId = String((await h.invoiceRow(invoiceId))[IC.xeroId]);
  h.xero.admin.addFault({ kind: 'lose', path: '/Email$' });
  const row = await h.waitForFinal(await h.queueEmail(invoiceId), 40_000);
  expect(sent(new RegExp(`/Invoices/${xeroId}/Email$`))).toHaveLength(1);
  expect(row[HC.status]).toBe(HS.failed);
  expect(row[HC.message]).toContain('Xero may have emailed it already');
});
