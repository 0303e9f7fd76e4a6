/**
 * Look-ups never adopt another document (docs/xero-behaviour.md#look-ups), and a changed credit
 * note is updated with POST (reference §3.7): end to end against the Xero emulator, whose demo
 * organisation holds documents its staff entered in Xero (a sales invoice with Reference PO-7730,
 * a credit note with Reference "Return of one widget").
 */
import { CHOICES, COLUMNS, SYSTEM_TABLES } from '../../../solution/names';
import { startHarness, type Harness } from './integrationHarness';
import { CONNECTION_DEFAULTS, createAccount, type InvoiceSpec } from './seed';

const HC = COLUMNS.syncHistory;
const IC = COLUMNS.invoice;
const DOC = CHOICES.documentType.values;
const SUCCEEDED = CHOICES.syncHistoryStatus.values.succeeded;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.stop());
beforeEach(() => h.setConnection(CONNECTION_DEFAULTS));

async function sync(spec: InvoiceSpec) {
  const invoiceId = await h.createInvoice(spec);
  const row = await h.waitForFinal(await h.queueSync(invoiceId));
  return { invoiceId, row, invoice: await h.invoiceRow(invoiceId) };
}

it('makes two Xero invoices of two customers’ invoices that share a PO reference', async () => {
  const other = await createAccount(h.api, 'Second Customer Pty Ltd', 'ACC-PO-2', 'ap@second.example');
  const first = await sync({ reference: 'PO-5511', lines: [{ product: 'WIDGET' }] });
  const second = await sync({ reference: 'PO-5511', accountId: other, lines: [{ product: 'GADGET' }] });
  expect([first.row[HC.status], second.row[HC.status]]).toEqual([SUCCEEDED, SUCCEEDED]);
  expect(second.invoice[IC.xeroId]).not.toBe(first.invoice[IC.xeroId]);
  expect(h.xeroInvoices().filter((i) => i.Reference === 'PO-5511')).toHaveLength(2);
});

it('never links an invoice to the one the organisation’s staff entered in Xero with the same reference', async () => {
  const staff = h.xeroInvoices().find((i) => i.Reference === 'PO-7730')!;
  const { row, invoice } = await sync({ reference: 'PO-7730', lines: [{ product: 'WIDGET' }] });
  expect(row[HC.status]).toBe(SUCCEEDED);
  expect(invoice[IC.xeroId]).not.toBe(staff.InvoiceID);
  expect(h.xeroInvoice(invoice[IC.xeroId])).toMatchObject({ Reference: 'PO-7730', Total: 55 });
});

it('gives a sales credit note its own Xero credit note when a staff-entered one has the same Reference', async () => {
  const staff = await h.relay.xero.getCreditNotes(h.seed.connectionId, {
    where: 'Reference=="Return of one widget"',
  });
  const { row, invoice } = await sync({
    documentType: DOC.salesCreditNote,
    reference: 'Return of one widget',
    lines: [{ product: 'WIDGET' }],
  });
  expect(row[HC.status]).toBe(SUCCEEDED);
  expect(invoice[IC.xeroId]).not.toBe(staff.body.creditNotes?.[0]?.creditNoteID);
});

it('sends a new invoice without looking anything up first, since nothing was sent for it before', async () => {
  h.xero.admin.clearRequestLog();
  const { row } = await sync({ lines: [{ product: 'WIDGET' }] });
  expect(row[HC.status]).toBe(SUCCEEDED);
  expect(h.xeroCalls(/^(GET|PUT) \/Invoices$/)).toEqual(['PUT /Invoices']);
});

it('puts the Dynamics record in the new invoice’s Url, Xero’s “Go to” link back', async () => {
  const { invoiceId, invoice } = await sync({ lines: [{ product: 'WIDGET' }] });
  expect(h.xeroInvoice(invoice[IC.xeroId])?.Url).toBe(
    `${new URL(h.config.dataverseUrl).origin}/main.aspx?pagetype=entityrecord&etn=invoice&id=${invoiceId}`,
  );
});

it('updates a changed credit note with POST /CreditNotes/{id}, never a PUT', async () => {
  const { invoiceId, invoice } = await sync({
    documentType: DOC.salesCreditNote,
    lines: [{ product: 'WIDGET' }],
  });
  await h.api.create(SYSTEM_TABLES.invoiceDetail.entitySet, {
    'invoiceid@odata.bind': `/invoices(${invoiceId})`,
    isproductoverridden: true,
    productdescription: 'Extra credit',
    quantity: 1,
    priceperunit: 10,
    tax: 1,
  });
  h.xero.admin.clearRequestLog();
  const row = await h.waitForFinal(await h.queueSync(invoiceId));
  expect(row[HC.status]).toBe(SUCCEEDED);
  expect(h.xeroCalls(/CreditNotes/).filter((c) => !c.startsWith('GET'))).toEqual([
    `POST /CreditNotes/${String(invoice[IC.xeroId])}`,
  ]);
});
