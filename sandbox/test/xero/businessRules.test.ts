// Xero's business rules for invoices, credit notes and payments (reference/xero-api.md §3.2–§3.10).
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

async function create(overrides: Record<string, unknown> = {}) {
  const reply = await api.call('PUT', '/Invoices?summarizeErrors=false', {
    Invoices: [salesInvoice(contact, overrides)],
  });
  return reply.body.Invoices[0];
}

const messages = (element: { ValidationErrors?: { Message: string }[] }) =>
  (element.ValidationErrors ?? []).map((e) => e.Message);

describe('invoice rules', () => {
  it('refuses a second ACCREC invoice with the same number (§3.3, §3.6)', async () => {
    await create({ InvoiceNumber: 'D365-INV-1' });
    expect(messages(await create({ InvoiceNumber: 'D365-INV-1' }))).toEqual(['Invoice # must be unique.']);
  });

  it('allows the same number on two bills, since ACCPAY numbers are not unique (§3.3)', async () => {
    const bill = {
      Type: 'ACCPAY',
      InvoiceNumber: 'SUP-9',
      LineItems: [
        { Description: 'Paper', Quantity: 1, UnitAmount: 10, AccountCode: '300', TaxType: 'INPUT' },
      ],
    };
    await create(bill);
    expect((await create(bill)).HasErrors).toBe(false);
  });

  it('updates the existing invoice when POST carries an existing ACCREC number (§3.6)', async () => {
    const first = await create({ InvoiceNumber: 'D365-INV-POST', Status: 'DRAFT' });
    const reply = await api.call('POST', '/Invoices', {
      Invoices: [{ InvoiceNumber: 'D365-INV-POST', Reference: 'changed' }],
    });
    expect(reply.body.Invoices[0]).toMatchObject({ InvoiceID: first.InvoiceID, Reference: 'changed' });
  });

  it('refuses to edit an invoice that has a payment (§3.6)', async () => {
    const invoice = await create();
    emulator.admin.recordPayment({ tenantId: api.tenantId, invoiceId: invoice.InvoiceID, amount: 5 });
    const reply = await api.call('POST', `/Invoices/${invoice.InvoiceID}?summarizeErrors=false`, {
      Invoices: [{ Reference: 'edit' }],
    });
    expect(messages(reply.body.Invoices[0])).toEqual([
      'This document cannot be edited as it has a payment or credit note allocated to it',
    ]);
  });

  it('deletes drafts but voids, not deletes, approved invoices (§3.6)', async () => {
    const draft = await create({ Status: 'DRAFT' });
    const approved = await create();
    const del = await api.call('POST', `/Invoices/${draft.InvoiceID}`, { Invoices: [{ Status: 'DELETED' }] });
    const badDelete = await api.call('POST', `/Invoices/${approved.InvoiceID}?summarizeErrors=false`, {
      Invoices: [{ Status: 'DELETED' }],
    });
    const voided = await api.call('POST', `/Invoices/${approved.InvoiceID}`, {
      Invoices: [{ Status: 'VOIDED' }],
    });
    expect(del.body.Invoices[0].Status).toBe('DELETED');
    expect(badDelete.body.Invoices[0].HasErrors).toBe(true);
    expect(voided.body.Invoices[0].Status).toBe('VOIDED');
  });

  it("rejects unknown item codes and tax types with Xero's messages (§3.2)", async () => {
    const element = await create({
      LineItems: [
        {
          Description: 'x',
          ItemCode: 'NOPE',
          Quantity: 1,
          UnitAmount: 1,
          AccountCode: '200',
          TaxType: 'GST on Income',
        },
      ],
    });
    expect(messages(element)).toEqual([
      "Item code 'NOPE' is not valid",
      "The TaxType code 'GST on Income' is not valid",
    ]);
  });

  it('rejects a tax type that does not apply to the account (§3.9 TaxRates)', async () => {
    const element = await create({
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1, AccountCode: '200', TaxType: 'INPUT' }],
    });
    expect(messages(element)).toEqual(["The TaxType code 'INPUT' cannot be used with account code '200'."]);
  });

  it('rejects an expense tax type on a sales line without an account code (§3.9 TaxRates)', async () => {
    const element = await create({
      Status: 'DRAFT',
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1, TaxType: 'INPUT' }],
    });
    expect(messages(element)).toEqual(["The TaxType code 'INPUT' cannot be used on this type of document."]);
  });

  it('requires a description on every line (§3.6)', async () => {
    const element = await create({ LineItems: [{ Quantity: 1, UnitAmount: 1, AccountCode: '200' }] });
    expect(messages(element)).toEqual(['The Description field is mandatory for each line item.']);
  });

  it('accepts discounts on sales invoices only (§3.6)', async () => {
    const sale = await create({
      LineItems: [
        {
          Description: 'x',
          Quantity: 3,
          UnitAmount: 9.99,
          DiscountRate: 15,
          AccountCode: '200',
          TaxType: 'OUTPUT',
        },
      ],
    });
    const bill = await create({
      Type: 'ACCPAY',
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 10, DiscountRate: 10, AccountCode: '300' }],
    });
    expect([sale.LineItems[0].LineAmount, sale.TotalTax, sale.Total, sale.TotalDiscount]).toEqual([
      25.47, 2.55, 28.02, 4.5,
    ]);
    expect(messages(bill)[0]).toMatch(/Discounts can only be applied/);
  });

  it('computes tax per line, rounded to 2 dp, for inclusive amounts (§3.5)', async () => {
    const element = await create({
      LineAmountTypes: 'Inclusive',
      LineItems: [1, 2, 3].map(() => ({
        Description: 'x',
        Quantity: 1,
        UnitAmount: 3.33,
        AccountCode: '200',
        TaxType: 'OUTPUT',
      })),
    });
    expect([element.SubTotal, element.TotalTax, element.Total]).toEqual([9.09, 0.9, 9.99]);
  });

  it('keeps 4-dp unit amounts only with unitdp=4 (§3.5)', async () => {
    const line = { Description: 'x', Quantity: 1, UnitAmount: 1.2345, AccountCode: '200', TaxType: 'OUTPUT' };
    const two = await create({ LineItems: [line] });
    const four = (
      await api.call('PUT', '/Invoices?unitdp=4', {
        Invoices: [salesInvoice(contact, { LineItems: [line] })],
      })
    ).body.Invoices[0];
    expect([two.LineItems[0].UnitAmount, four.LineItems[0].UnitAmount]).toEqual([1.23, 1.2345]);
  });

  it('recomputes tax on an update that changes only LineAmountTypes, keeping 4-dp unit amounts (§3.5)', async () => {
    const line = {
      Description: 'x',
      Quantity: 1,
      UnitAmount: 11.1111,
      AccountCode: '200',
      TaxType: 'OUTPUT',
    };
    const created = await api.call('PUT', '/Invoices?unitdp=4', {
      Invoices: [salesInvoice(contact, { Status: 'DRAFT', LineItems: [line] })],
    });
    const id = created.body.Invoices[0].InvoiceID;
    const updated = await api.call('POST', `/Invoices/${id}`, {
      Invoices: [{ LineAmountTypes: 'Inclusive' }],
    });
    const read = await api.call('GET', `/Invoices/${id}?unitdp=4`);
    expect([updated.body.Invoices[0].TotalTax, updated.body.Invoices[0].Total]).toEqual([1.01, 11.11]);
    expect(read.body.Invoices[0].LineItems[0].UnitAmount).toBe(11.1111);
  });

  it('refuses a currency the organisation is not subscribed to (§3.6)', async () => {
    expect(messages(await create({ CurrencyCode: 'USD' }))).toEqual([
      'Organisation is not subscribed to currency USD',
    ]);
  });
});

describe('email and online invoice rules', () => {
  it('emails an approved sales invoice with 204 (§3.10)', async () => {
    const invoice = await create();
    const reply = await api.call('POST', `/Invoices/${invoice.InvoiceID}/Email`, {});
    expect(reply.status).toBe(204);
  });

  it('refuses to email a draft or a bill (§3.10)', async () => {
    const draft = await create({ Status: 'DRAFT' });
    const reply = await api.call('POST', `/Invoices/${draft.InvoiceID}/Email`, {});
    expect(reply.status).toBe(400);
    expect(reply.body.Elements[0].ValidationErrors[0].Message).toMatch(
      /must be of Type ACCREC and a valid Status/,
    );
  });

  it('gives an online invoice URL for approved invoices but not for drafts (§1 getOnlineInvoice)', async () => {
    const approved = await create();
    const draft = await create({ Status: 'DRAFT' });
    const ok = await api.call('GET', `/Invoices/${approved.InvoiceID}/OnlineInvoice`);
    const refused = await api.call('GET', `/Invoices/${draft.InvoiceID}/OnlineInvoice`);
    expect(ok.body.OnlineInvoices[0].OnlineInvoiceUrl).toContain(approved.InvoiceID);
    expect(refused.status).toBe(400);
  });
});

describe('payments and allocations', () => {
  it('refuses a payment above the amount due (§3.8)', async () => {
    const invoice = await create();
    const reply = await api.call('PUT', '/Payments?summarizeErrors=false', {
      Payments: [
        {
          Invoice: { InvoiceID: invoice.InvoiceID },
          Account: { Code: '090' },
          Date: '2026-11-05',
          Amount: 100,
        },
      ],
    });
    expect(messages(reply.body.Payments[0])).toEqual([
      'Payment amount exceeds the amount outstanding on this document',
    ]);
  });

  it('refuses a payment into an account that is not a bank account (§3.8)', async () => {
    const invoice = await create();
    const reply = await api.call('POST', '/Payments', {
      Invoice: { InvoiceID: invoice.InvoiceID },
      Account: { Code: '200' },
      Date: '2026-11-05',
      Amount: 1,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.Elements[0].ValidationErrors[0].Message).toMatch(/not a bank account/);
  });

  it('restores the amount due when a payment is deleted (§3.8)', async () => {
    const invoice = await create();
    const paid = await api.call('POST', '/Payments', {
      Invoice: { InvoiceID: invoice.InvoiceID },
      Account: { Code: '090' },
      Date: '2026-11-05',
      Amount: 23.1,
    });
    await api.call('POST', `/Payments/${paid.body.Payments[0].PaymentID}`, { Status: 'DELETED' });
    const after = await api.call('GET', `/Invoices/${invoice.InvoiceID}`);
    expect([after.body.Invoices[0].Status, after.body.Invoices[0].AmountDue]).toEqual(['AUTHORISED', 23.1]);
  });

  it('allocates a credit note within its remaining credit and the invoice amount due (§3.7)', async () => {
    const invoice = await create();
    const note = await api.call('PUT', '/CreditNotes', {
      CreditNotes: [
        {
          Type: 'ACCRECCREDIT',
          Contact: { ContactID: contact },
          Status: 'AUTHORISED',
          LineItems: [
            { Description: 'Refund', Quantity: 1, UnitAmount: 10, AccountCode: '200', TaxType: 'OUTPUT' },
          ],
        },
      ],
    });
    const noteId = note.body.CreditNotes[0].CreditNoteID;
    const tooMuch = await api.call('PUT', `/CreditNotes/${noteId}/Allocations?summarizeErrors=false`, {
      Allocations: [{ Invoice: { InvoiceID: invoice.InvoiceID }, Amount: 12, Date: '2026-11-05' }],
    });
    const fine = await api.call('PUT', `/CreditNotes/${noteId}/Allocations`, {
      Allocations: [{ Invoice: { InvoiceID: invoice.InvoiceID }, Amount: 11, Date: '2026-11-05' }],
    });
    const after = await api.call('GET', `/Invoices/${invoice.InvoiceID}`);
    expect(messages(tooMuch.body.Allocations[0])).toEqual([
      'The amount being allocated exceeds the remaining credit on the credit note.',
    ]);
    expect(fine.status).toBe(200);
    expect([after.body.Invoices[0].AmountCredited, after.body.Invoices[0].AmountDue]).toEqual([11, 12.1]);
  });

  it('gives the credit back when an allocation is deleted (§3.7)', async () => {
    const invoice = await create();
    const note = await api.call('PUT', '/CreditNotes', {
      CreditNotes: [
        {
          Type: 'ACCRECCREDIT',
          Contact: { ContactID: contact },
          Status: 'AUTHORISED',
          LineItems: [
            { Description: 'Refund', Quantity: 1, UnitAmount: 10, AccountCode: '200', TaxType: 'OUTPUT' },
          ],
        },
      ],
    });
    const noteId = note.body.CreditNotes[0].CreditNoteID;
    const allocated = await api.call('PUT', `/CreditNotes/${noteId}/Allocations`, {
      Allocations: [{ Invoice: { InvoiceID: invoice.InvoiceID }, Amount: 11, Date: '2026-11-05' }],
    });
    const removed = await api.call(
      'DELETE',
      `/CreditNotes/${noteId}/Allocations/${allocated.body.Allocations[0].AllocationID}`,
    );
    const [after, credit] = await Promise.all([
      api.call('GET', `/Invoices/${invoice.InvoiceID}`),
      api.call('GET', `/CreditNotes/${noteId}`),
    ]);
    expect(removed.body.Allocations[0].IsDeleted).toBe(true);
    expect([
      after.body.Invoices[0].AmountDue,
      credit.body.CreditNotes[0].RemainingCredit,
      credit.body.CreditNotes[0].Status,
    ]).toEqual([23.1, 11, 'AUTHORISED']);
  });
});
