/**
 * Document kinds, line kinds and the connection's policies, end to end: Dataverse emulator →
 * relay → Xero emulator → write-back, over real HTTP.
 */
import { CHOICES, COLUMNS, SYSTEM_TABLES, TABLES } from '../../../solution/names';
import { startHarness, type Harness } from './integrationHarness';
import { CONNECTION_DEFAULTS, createAccount, type InvoiceSpec } from './seed';
import type { Row } from './webApi';

const HC = COLUMNS.syncHistory;
const IC = COLUMNS.invoice;
const CC = COLUMNS.connection;
const DOC = CHOICES.documentType.values;
const SUCCEEDED = CHOICES.syncHistoryStatus.values.succeeded;
const FAILED = CHOICES.syncHistoryStatus.values.failed;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.stop());
beforeEach(() => h.setConnection(CONNECTION_DEFAULTS));

async function sync(spec: InvoiceSpec): Promise<{ invoiceId: string; row: Row; invoice: Row }> {
  const invoiceId = await h.createInvoice(spec);
  const row = await h.waitForFinal(await h.queueSync(invoiceId));
  return { invoiceId, row, invoice: await h.invoiceRow(invoiceId) };
}

function lineItems(xeroInvoice: Row | undefined): Row[] {
  return (xeroInvoice?.LineItems as Row[] | undefined) ?? [];
}

function writes(): string[] {
  return h.xeroCalls(/^(PUT|POST) /);
}

describe('document kinds', () => {
  it('links the invoice to the document in Xero through its organisation short code and stores the online invoice URL', async () => {
    const { invoice, row } = await sync({ lines: [{ product: 'WIDGET' }] });
    expect(row[HC.status]).toBe(SUCCEEDED);
    expect(invoice[IC.xeroUrl]).toMatch(
      new RegExp(
        `^https://go\\.xero\\.com/organisationlogin/default\\.aspx\\?shortcode=.+AccountsReceivable.+${invoice[IC.xeroId]}`,
      ),
    );
    expect(invoice[IC.onlineUrl]).toMatch(/^https?:\/\//);
    expect(row[HC.xeroId]).toBe(invoice[IC.xeroId]);
    expect(row[HC.durationMs]).toEqual(expect.any(Number));
  });

  it('sends a bill to Xero as ACCPAY', async () => {
    const { invoice, row } = await sync({
      documentType: DOC.purchaseInvoice,
      lines: [{ product: 'GADGET', quantity: 3 }],
    });
    expect(row[HC.status]).toBe(SUCCEEDED);
    expect(h.xeroInvoice(invoice[IC.xeroId])).toMatchObject({ Type: 'ACCPAY', Total: 66 });
    expect(invoice[IC.xeroUrl]).toContain('AccountsPayable');
  });

  it('sends a sales credit note to /CreditNotes', async () => {
    const { invoice, row } = await sync({
      documentType: DOC.salesCreditNote,
      lines: [{ product: 'WIDGET' }],
    });
    expect(row[HC.status]).toBe(SUCCEEDED);
    const found = await h.relay.xero.getCreditNotes(h.seed.connectionId, {
      where: `CreditNoteID==Guid("${String(invoice[IC.xeroId])}")`,
    });
    expect(found.body.creditNotes?.[0]).toMatchObject({ total: 55 });
    expect(String(found.body.creditNotes?.[0]?.type)).toBe('ACCRECCREDIT');
    expect(invoice[IC.xeroUrl]).toContain('ViewCreditNote');
  });

  it('sends a write-in line without an item code, on the default sales account', async () => {
    const { invoice } = await sync({ lines: [{ description: 'Consulting', price: 120, quantity: 2 }] });
    expect(lineItems(h.xeroInvoice(invoice[IC.xeroId]))).toEqual([
      expect.objectContaining({
        Description: 'Consulting',
        Quantity: 2,
        UnitAmount: 120,
        AccountCode: '200',
      }),
    ]);
    expect(lineItems(h.xeroInvoice(invoice[IC.xeroId]))[0].ItemCode).toBeUndefined();
  });
});

it('updates the same Xero credit note when a changed credit note is synced again', async () => {
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
  const row = await h.waitForFinal(await h.queueSync(invoiceId));
  expect(row[HC.status]).toBe(SUCCEEDED);
  expect(row[HC.xeroId]).toBe(invoice[IC.xeroId]);
  const found = await h.relay.xero.getCreditNotes(h.seed.connectionId, {
    where: `CreditNoteID==Guid("${String(invoice[IC.xeroId])}")`,
  });
  expect(found.body.creditNotes?.[0]).toMatchObject({ total: 66 });
});

describe('bundle modes', () => {
  const bundle: InvoiceSpec = {
    lines: [
      { product: 'KIT', bundle: 'bundle' },
      { product: 'WIDGET', bundle: 'component' },
    ],
  };

  it('sends only the bundle line in header-only mode', async () => {
    await h.setConnection({ [CC.bundleMode]: CHOICES.bundleMode.values.headerOnly });
    const { invoice } = await sync(bundle);
    expect(lineItems(h.xeroInvoice(invoice[IC.xeroId])).map((l) => l.ItemCode)).toEqual(['KIT']);
  });

  it('sends the bundle and its components in header-and-components mode', async () => {
    await h.setConnection({ [CC.bundleMode]: CHOICES.bundleMode.values.headerAndComponents });
    const { invoice } = await sync(bundle);
    expect(lineItems(h.xeroInvoice(invoice[IC.xeroId])).map((l) => l.ItemCode)).toEqual(['KIT', 'WIDGET']);
  });

  it('keeps the total in components-only mode when the bundle line carries the price', async () => {
    await h.setConnection({ [CC.bundleMode]: CHOICES.bundleMode.values.componentsOnly });
    const { invoice } = await sync(bundle);
    expect(h.xeroInvoice(invoice[IC.xeroId])).toMatchObject({ Total: 110 });
  });
});

describe('contact policy', () => {
  it('creates a missing contact and records the link to the account', async () => {
    const accountId = await createAccount(h.api, 'Fresh Customer Ltd', 'FC-1', 'ap@fresh.test');
    const { invoice } = await sync({ accountId, lines: [{ product: 'WIDGET' }] });
    const contactId = (h.xeroInvoice(invoice[IC.xeroId])?.Contact as Row).ContactID;
    const contacts = h.xero.admin.list(h.tenantId, 'contacts');
    expect(contacts.ok && contacts.value.find((c) => c.ContactID === contactId)).toMatchObject({
      Name: 'Fresh Customer Ltd',
      ContactNumber: 'FC-1',
    });
    const links = await h.api.list(
      `${TABLES.xeroLink.entitySet}?$filter=${COLUMNS.xeroLink.recordId} eq '${accountId}'`,
    );
    expect(links).toEqual([expect.objectContaining({ [COLUMNS.xeroLink.xeroId]: contactId })]);
  });

  it('uses the Xero contact with the same email when only existing contacts are allowed', async () => {
    await h.setConnection({ [CC.contactPolicy]: CHOICES.contactPolicy.values.existingOnly });
    h.xero.admin.clearRequestLog();
    const accountId = await createAccount(h.api, 'Bayside Sports Club', 'BAY-9', 'SecretaryBob@bsclub.co');
    const { invoice, row } = await sync({ accountId, lines: [{ product: 'WIDGET' }] });
    expect(row[HC.status]).toBe(SUCCEEDED);
    expect(writes()).not.toContain('PUT /Contacts');
    expect((h.xeroInvoice(invoice[IC.xeroId])?.Contact as Row).Name).toBe('Bayside Club');
  });

  it('fails without any Xero write when the customer is not in Xero and only existing contacts are allowed', async () => {
    await h.setConnection({ [CC.contactPolicy]: CHOICES.contactPolicy.values.existingOnly });
    const accountId = await createAccount(h.api, 'Nobody In Xero Ltd', 'NX-1', 'nx@nowhere.test');
    h.xero.admin.clearRequestLog();
    const { row, invoice } = await sync({ accountId, lines: [{ product: 'WIDGET' }] });
    expect(row[HC.status]).toBe(FAILED);
    expect(row[HC.message]).toContain('only uses existing contacts');
    expect(JSON.parse(String(row[HC.details])).findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'CONTACT_MISSING' })]),
    );
    expect(invoice[IC.syncStatus]).toBe(CHOICES.syncStatus.values.failed);
    expect(writes()).toEqual([]);
  });
});

it('marks the row Needs review, without any Xero write, when two Xero contacts match the customer', async () => {
  await h.relay.xero.createContacts(
    h.seed.connectionId,
    [
      { name: 'Twin Holdings A', emailAddress: 'twins@twin.test' },
      { name: 'Twin Holdings B', emailAddress: 'twins@twin.test' },
    ],
    { idempotencyKey: 'test:twins' },
  );
  const accountId = await createAccount(h.api, 'Twin Holdings', 'TW-1', 'twins@twin.test');
  h.xero.admin.clearRequestLog();
  const { row } = await sync({ accountId, lines: [{ product: 'WIDGET' }] });
  expect(row[HC.status]).toBe(CHOICES.syncHistoryStatus.values.needsReview);
  expect(JSON.parse(String(row[HC.details])).findings).toEqual(
    expect.arrayContaining([expect.objectContaining({ code: 'CONTACT_NEEDS_REVIEW' })]),
  );
  expect(writes()).toEqual([]);
});

describe('item policy', () => {
  it('creates the missing item in Xero and links it to the product', async () => {
    await sync({ lines: [{ product: 'GADGET' }] });
    const links = await h.api.list(
      `${TABLES.xeroLink.entitySet}?$filter=${COLUMNS.xeroLink.recordId} eq '${h.seed.products.GADGET}'`,
    );
    expect(links).toEqual([expect.objectContaining({ [COLUMNS.xeroLink.xeroCode]: 'GADGET' })]);
  });

  it('fails without any Xero write when the item is missing and only existing items are allowed', async () => {
    await h.setConnection({ [CC.itemPolicy]: CHOICES.itemPolicy.values.existingOnly });
    const productId = await h.api.create(SYSTEM_TABLES.product.entitySet, {
      name: 'Unlisted thing',
      productnumber: 'UNLISTED',
      price: 5,
    });
    h.seed.products.UNLISTED = productId;
    h.xero.admin.clearRequestLog();
    const { row } = await sync({ lines: [{ product: 'UNLISTED', price: 5 }] });
    expect(row[HC.status]).toBe(FAILED);
    expect(row[HC.message]).toContain('"UNLISTED" does not exist');
    expect(writes()).toEqual([]);
  });

  it("sends no item codes when the connection doesn't use items", async () => {
    await h.setConnection({ [CC.itemPolicy]: CHOICES.itemPolicy.values.dontUseItems });
    const { invoice } = await sync({ lines: [{ product: 'WIDGET' }] });
    const [line] = lineItems(h.xeroInvoice(invoice[IC.xeroId]));
    expect(line).toMatchObject({ Description: expect.any(String), AccountCode: '200' });
    expect(line.ItemCode).toBeUndefined();
  });
});

describe('numbering', () => {
  it('lets Xero number the invoice and keeps the Dynamics number as the reference', async () => {
    const { invoice, invoiceId } = await sync({ lines: [{ product: 'WIDGET' }] });
    const dynamics = await h.api.get(
      `${SYSTEM_TABLES.invoice.entitySet}(${invoiceId})?$select=invoicenumber`,
    );
    expect(h.xeroInvoice(invoice[IC.xeroId])).toMatchObject({
      InvoiceNumber: expect.stringMatching(/^INV-\d+$/),
      Reference: dynamics.invoicenumber,
    });
  });

  it('sends the Dynamics invoice number in Dynamics-number mode', async () => {
    await h.setConnection({ [CC.numbering]: CHOICES.numbering.values.dynamicsNumber });
    const { invoice, invoiceId } = await sync({ lines: [{ product: 'WIDGET' }] });
    const dynamics = await h.api.get(
      `${SYSTEM_TABLES.invoice.entitySet}(${invoiceId})?$select=invoicenumber`,
    );
    expect(invoice[IC.xeroNumber]).toBe(dynamics.invoicenumber);
  });

  it('sends the manual number in manual mode', async () => {
    await h.setConnection({ [CC.numbering]: CHOICES.numbering.values.manualNumber });
    const { invoice } = await sync({ manualNumber: 'MAN-7001', lines: [{ product: 'WIDGET' }] });
    expect(invoice[IC.xeroNumber]).toBe('MAN-7001');
  });

  it('writes the blocking finding to the row without any Xero call when the manual number is empty', async () => {
    await h.setConnection({ [CC.numbering]: CHOICES.numbering.values.manualNumber });
    h.xero.admin.clearRequestLog();
    const { row } = await sync({ lines: [{ product: 'WIDGET' }] });
    expect(row[HC.status]).toBe(FAILED);
    expect(row[HC.message]).toContain('Manual Number is empty');
    expect(h.xeroCalls()).toEqual([]);
  });
});

describe('after the document', () => {
  it('emails the invoice from Xero when the invoice asks for it', async () => {
    h.xero.admin.clearRequestLog();
    const { invoice, row } = await sync({
      emailOnSync: CHOICES.invoiceEmailOnSync.values.emailAfterSync,
      lines: [{ product: 'WIDGET' }],
    });
    expect(h.xeroCalls(/\/Email$/)).toEqual([`POST /Invoices/${invoice[IC.xeroId]}/Email`]);
    expect(row[HC.message]).toContain('emailed');
  });

  it('emails a synced invoice from Xero when an Email document row is queued', async () => {
    const { invoiceId, invoice } = await sync({ lines: [{ product: 'WIDGET' }] });
    h.xero.admin.clearRequestLog();
    const row = await h.waitForFinal(await h.queueEmail(invoiceId));
    expect(row[HC.status]).toBe(SUCCEEDED);
    expect(row[HC.message]).toBe(`Xero emailed invoice ${String(invoice[IC.xeroNumber])} to the contact.`);
    expect(h.xeroCalls()).toEqual([`POST /Invoices/${invoice[IC.xeroId]}/Email`]);
  });

  it('refuses to email an invoice that is not in Xero yet, without calling Xero', async () => {
    const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
    h.xero.admin.clearRequestLog();
    const row = await h.waitForFinal(await h.queueEmail(invoiceId));
    expect(row[HC.status]).toBe(FAILED);
    expect(row[HC.message]).toContain('is not in Xero yet');
    expect(h.xeroCalls()).toEqual([]);
  });

  it('updates the same Xero invoice when a changed invoice is synced again', async () => {
    const { invoiceId, invoice } = await sync({ lines: [{ product: 'WIDGET' }] });
    await h.api.create(SYSTEM_TABLES.invoiceDetail.entitySet, {
      'invoiceid@odata.bind': `/invoices(${invoiceId})`,
      isproductoverridden: true,
      productdescription: 'Extra',
      quantity: 1,
      priceperunit: 10,
      tax: 1,
    });
    const row = await h.waitForFinal(await h.queueSync(invoiceId));
    expect(row[HC.status]).toBe(SUCCEEDED);
    expect(row[HC.xeroId]).toBe(invoice[IC.xeroId]);
    expect(h.xeroInvoice(invoice[IC.xeroId])).toMatchObject({ Total: 66 });
    const reference = h.xeroInvoice(invoice[IC.xeroId])?.Reference;
    expect(h.xeroInvoices().filter((i) => i.Reference === reference)).toHaveLength(1);
  });

  it("refuses to change an invoice paid in Xero with Xero's reason and advice to raise a credit note", async () => {
    const { invoiceId, invoice } = await sync({ lines: [{ product: 'WIDGET' }] });
    const paid = h.xero.admin.recordPayment({ tenantId: h.tenantId, invoiceId: String(invoice[IC.xeroId]) });
    expect(paid.ok).toBe(true);
    const row = await h.waitForFinal(await h.queueSync(invoiceId));
    expect(row[HC.status]).toBe(FAILED);
    expect(row[HC.message]).toContain(
      'This document cannot be edited as it has a payment or credit note allocated to it',
    );
    expect(row[HC.message]).toContain('credit note');
    expect((await h.invoiceRow(invoiceId))[IC.syncStatus]).toBe(CHOICES.syncStatus.values.failed);
  });
});
