// A real xero-node 19 client against the emulator (reference/xero-api.md §1, §2, §3.4, §3.6, §3.8).
import { Invoice, LineAmountTypes, type XeroClient } from 'xero-node';
import type { XeroEmulator } from '../../xero';
import { startEmulator, tokenFromEndpoint, xeroClientFor } from './helpers';

let emulator: XeroEmulator;
let xero: XeroClient;
let tenantId: string;
let contactId: string;

beforeAll(async () => {
  emulator = await startEmulator();
  xero = xeroClientFor(emulator, await tokenFromEndpoint(emulator));
  tenantId = emulator.tenants[0].tenantId;
  const contacts = await xero.accountingApi.getContacts(tenantId, undefined, 'Name=="Bayside Club"');
  contactId = contacts.body.contacts![0].contactID!;
});

afterAll(() => emulator.stop());

const invoice = (reference: string) => ({
  type: Invoice.TypeEnum.ACCREC,
  contact: { contactID: contactId },
  date: '2026-11-01',
  dueDate: '2026-11-30',
  lineAmountTypes: LineAmountTypes.Exclusive,
  reference,
  status: Invoice.StatusEnum.AUTHORISED,
  lineItems: [
    { description: 'Widget', quantity: 2, unitAmount: 10.5, accountCode: '200', taxType: 'OUTPUT' },
  ],
});

describe('xero-node against the emulator', () => {
  it('creates an invoice with Xero-computed totals and a generated number (§3.5, §3.6)', async () => {
    const created = await xero.accountingApi.createInvoices(
      tenantId,
      { invoices: [invoice('SO-1')] },
      false,
      4,
    );
    const saved = created.body.invoices![0];
    expect(saved.hasErrors).toBe(false);
    expect(saved.invoiceNumber).toMatch(/^INV-\d{4}$/);
    expect([saved.subTotal, saved.totalTax, saved.total, saved.amountDue]).toEqual([21, 2.1, 23.1, 23.1]);
  });

  it('reads an invoice back by id and by number with /Date() dates parsed (§3.6)', async () => {
    const created = await xero.accountingApi.createInvoices(tenantId, { invoices: [invoice('SO-2')] });
    const { invoiceID, invoiceNumber } = created.body.invoices![0];
    const byId = await xero.accountingApi.getInvoice(tenantId, invoiceID!);
    const byNumber = await xero.accountingApi.getInvoice(tenantId, invoiceNumber!);
    expect(byId.body.invoices![0].reference).toBe('SO-2');
    expect(byNumber.body.invoices![0].invoiceID).toBe(invoiceID);
    expect(byId.body.invoices![0].updatedDateUTC).toBeInstanceOf(Date);
  });

  it('pages invoices with pageSize and reports the pagination object (§3.4)', async () => {
    await xero.accountingApi.createInvoices(tenantId, {
      invoices: ['PAGE-1', 'PAGE-2', 'PAGE-3'].map(invoice),
    });
    const page1 = await xero.accountingApi.getInvoices(
      tenantId,
      undefined,
      'Reference.StartsWith("PAGE-")',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      1,
      undefined,
      undefined,
      undefined,
      undefined,
      2,
    );
    const page2 = await xero.accountingApi.getInvoices(
      tenantId,
      undefined,
      'Reference.StartsWith("PAGE-")',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      2,
      undefined,
      undefined,
      undefined,
      undefined,
      2,
    );
    expect(page1.body.invoices!.map((i) => i.reference)).toEqual(['PAGE-1', 'PAGE-2']);
    expect(page2.body.invoices!.map((i) => i.reference)).toEqual(['PAGE-3']);
    expect(page1.body.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, itemCount: 3 });
  });

  it('filters invoices by the explicit InvoiceNumbers and Statuses lists (§3.4)', async () => {
    const created = await xero.accountingApi.createInvoices(tenantId, { invoices: [invoice('LIST-1')] });
    const number = created.body.invoices![0].invoiceNumber!;
    const found = await xero.accountingApi.getInvoices(
      tenantId,
      undefined,
      undefined,
      undefined,
      undefined,
      [number],
      undefined,
      ['AUTHORISED'],
    );
    expect(found.body.invoices!.map((i) => i.invoiceNumber)).toEqual([number]);
  });

  it('pays an invoice in full with createPayment and marks it PAID (§3.8)', async () => {
    const created = await xero.accountingApi.createInvoices(tenantId, { invoices: [invoice('PAY-1')] });
    const invoiceID = created.body.invoices![0].invoiceID!;
    const paid = await xero.accountingApi.createPayment(tenantId, {
      invoice: { invoiceID },
      account: { code: '090' },
      date: '2026-11-10',
      amount: 23.1,
      reference: 'D365 receipt 77',
    });
    expect(paid.body.payments![0].paymentID).toBeDefined();
    const after = await xero.accountingApi.getInvoice(tenantId, invoiceID);
    expect(after.body.invoices![0].status).toBe(Invoice.StatusEnum.PAID);
    expect(after.body.invoices![0].amountDue).toBe(0);
  });

  it('reads the organisation, accounts, tax rates, branding themes and tracking categories (§3.9)', async () => {
    const [org, accounts, taxRates, themes, tracking] = await Promise.all([
      xero.accountingApi.getOrganisations(tenantId),
      xero.accountingApi.getAccounts(tenantId, undefined, 'Type=="BANK"'),
      xero.accountingApi.getTaxRates(tenantId),
      xero.accountingApi.getBrandingThemes(tenantId),
      xero.accountingApi.getTrackingCategories(tenantId),
    ]);
    expect(org.body.organisations![0].baseCurrency).toBe('AUD');
    expect(accounts.body.accounts!.map((a) => a.code)).toEqual(['090', '091']);
    expect(taxRates.body.taxRates!.find((t) => t.taxType === 'OUTPUT')?.effectiveRate).toBe(10);
    expect(themes.body.brandingThemes!.find((t) => t.sortOrder === 0)?.name).toBe('Standard');
    expect(tracking.body.trackingCategories!.map((c) => c.name)).toEqual(['Region', 'Department']);
  });
});
