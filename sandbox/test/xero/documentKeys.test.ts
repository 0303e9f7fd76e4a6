// What a look-up can rely on (docs/xero-behaviour.md#look-ups): Reference exists on sales documents
// only (spec: Invoice.Reference "ACCREC only", CreditNote.Reference "ACCRECCREDIT only"), Url is kept
// (xero-node#542, PR #213), createdByMyApp=true lists only the calling app's invoices (spec, GET
// /Invoices), and a demo organisation already holds documents its staff entered in Xero.
import type { XeroEmulator } from '../../xero';
import { contactId, rawApi, salesInvoice, startEmulator, type RawApi } from './helpers';

let emulator: XeroEmulator;
let api: RawApi;
let contact: string;

beforeAll(async () => {
  emulator = await startEmulator();
  api = rawApi(emulator);
  contact = await contactId(api);
});

afterAll(() => emulator.stop());

const where = (clause: string) => `where=${encodeURIComponent(clause)}`;
const bill = (overrides: Record<string, unknown>) =>
  salesInvoice(contact, {
    Type: 'ACCPAY',
    LineItems: [{ Description: 'Paper', Quantity: 1, UnitAmount: 9, AccountCode: '300', TaxType: 'INPUT' }],
    ...overrides,
  });

describe('document keys', () => {
  it('keeps no Reference on a bill; its number is the InvoiceNumber (§3.7)', async () => {
    const reply = await api.call('PUT', '/Invoices', {
      Invoices: [bill({ InvoiceNumber: 'SUP-77', Reference: 'ignored' })],
    });
    expect(reply.body.Invoices[0]).toMatchObject({ InvoiceNumber: 'SUP-77' });
    expect(reply.body.Invoices[0].Reference).toBeFalsy();
  });

  it('keeps no Reference on a purchase credit note, only its CreditNoteNumber (§3.7)', async () => {
    const reply = await api.call('PUT', '/CreditNotes', {
      CreditNotes: [
        {
          Type: 'ACCPAYCREDIT',
          Contact: { ContactID: contact },
          CreditNoteNumber: 'SUP-CN-5',
          Reference: 'ignored',
          LineItems: [
            { Description: 'Return', Quantity: 1, UnitAmount: 9, AccountCode: '300', TaxType: 'INPUT' },
          ],
        },
      ],
    });
    expect(reply.body.CreditNotes[0]).toMatchObject({ CreditNoteNumber: 'SUP-CN-5' });
    expect(reply.body.CreditNotes[0].Reference).toBeFalsy();
  });

  it('keeps the Url an invoice was created with (xero-node#542)', async () => {
    const url = 'https://org.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=invoice&id=1';
    const created = await api.call('PUT', '/Invoices', { Invoices: [salesInvoice(contact, { Url: url })] });
    const read = await api.call('GET', `/Invoices/${created.body.Invoices[0].InvoiceID}`);
    expect(read.body.Invoices[0].Url).toBe(url);
  });

  it('lists only the calling app’s invoices with createdByMyApp=true (spec GET /Invoices)', async () => {
    await api.call('PUT', '/Invoices', { Invoices: [salesInvoice(contact, { Reference: 'PO-7730' })] });
    const all = await api.call('GET', `/Invoices?${where('Reference=="PO-7730"')}`);
    const mine = await api.call('GET', `/Invoices?${where('Reference=="PO-7730"')}&createdByMyApp=true`);
    expect([all.body.Invoices.length, mine.body.Invoices.length]).toEqual([2, 1]);
  });

  it('seeds a demo organisation with documents entered in Xero by its staff, none created by the app', async () => {
    const references = await api.call('GET', `/Invoices?${where('Reference=="PO-7730"')}`);
    const bills = await api.call('GET', `/Invoices?InvoiceNumbers=BILL-1001`);
    const notes = await api.call('GET', `/CreditNotes?${where('Reference=="Return of one widget"')}`);
    expect(references.body.Invoices.length).toBeGreaterThan(0);
    expect(bills.body.Invoices[0]).toMatchObject({ Type: 'ACCPAY', Contact: { Name: 'PowerDirect' } });
    expect(notes.body.CreditNotes).toHaveLength(1);
    const fresh = await startEmulator();
    const freshApi = rawApi(fresh);
    const mineInFresh = await freshApi.call('GET', '/Invoices?createdByMyApp=true');
    const allInFresh = await freshApi.call('GET', '/Invoices');
    await fresh.stop();
    expect([mineInFresh.body.Invoices.length, allInFresh.body.Invoices.length]).toEqual([0, 2]);
  });
});
