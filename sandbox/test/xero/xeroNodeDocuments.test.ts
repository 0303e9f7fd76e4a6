// More of the relay's xero-node calls (reference/xero-api.md §1 operations table): contacts,
// summarizeErrors through the SDK, credit notes and allocations, email, online invoice, payment polling.
import { CreditNote, Invoice, LineAmountTypes, type XeroClient } from 'xero-node';
import type { XeroEmulator } from '../../xero';
import { rejectionStatus, startEmulator, tokenFromEndpoint, xeroClientFor } from './helpers';

let emulator: XeroEmulator;
let xero: XeroClient;
let tenantId: string;

beforeAll(async () => {
  emulator = await startEmulator();
  xero = xeroClientFor(emulator, await tokenFromEndpoint(emulator));
  tenantId = emulator.tenants[0].tenantId;
});

afterAll(() => emulator.stop());

const line = {
  description: 'Consulting',
  quantity: 1,
  unitAmount: 100,
  accountCode: '200',
  taxType: 'OUTPUT',
};

async function approvedInvoice(contactID: string) {
  const created = await xero.accountingApi.createInvoices(tenantId, {
    invoices: [
      {
        type: Invoice.TypeEnum.ACCREC,
        contact: { contactID },
        date: '2026-11-02',
        lineAmountTypes: LineAmountTypes.Exclusive,
        status: Invoice.StatusEnum.AUTHORISED,
        lineItems: [line],
      },
    ],
  });
  return created.body.invoices![0];
}

async function newContact(name: string, contactNumber: string) {
  const created = await xero.accountingApi.createContacts(
    tenantId,
    { contacts: [{ name, contactNumber, emailAddress: 'ap@example.com' }] },
    false,
  );
  return created.body.contacts![0];
}

describe('xero-node documents and contacts', () => {
  it('creates a contact and finds it by ContactNumber (§3.9)', async () => {
    const contact = await newContact('Acme Pty Ltd', 'D365-C-42');
    const found = await xero.accountingApi.getContactByContactNumber(tenantId, 'D365-C-42');
    expect(found.body.contacts![0].contactID).toBe(contact.contactID);
  });

  it('returns per-element errors through the SDK with summarizeErrors=false (§3.2)', async () => {
    const reply = await xero.accountingApi.createContacts(
      tenantId,
      { contacts: [{ name: 'Acme Pty Ltd' }, { name: 'Brand New Pty Ltd' }] },
      false,
    );
    expect(reply.body.contacts!.map((c) => c.hasValidationErrors)).toEqual([true, false]);
  });

  it('rejects a summarised batch with a 400 the SDK reports as a string (§3.2, §4 errors)', async () => {
    expect(
      await rejectionStatus(
        xero.accountingApi.createContacts(tenantId, { contacts: [{ name: 'Acme Pty Ltd' }] }),
      ),
    ).toBe(400);
  });

  it('emails an approved invoice (204) and returns its online invoice URL (§3.10)', async () => {
    const contact = await newContact('Email Me Ltd', 'D365-C-43');
    const invoice = await approvedInvoice(contact.contactID!);
    const emailed = await xero.accountingApi.emailInvoice(tenantId, invoice.invoiceID!, {});
    const online = await xero.accountingApi.getOnlineInvoice(tenantId, invoice.invoiceID!);
    expect(emailed.response.status).toBe(204);
    expect(online.body.onlineInvoices![0].onlineInvoiceUrl).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/online-invoice\//,
    );
  });

  it('creates a credit note and allocates it to an invoice (§3.7)', async () => {
    const contact = await newContact('Credit Me Ltd', 'D365-C-44');
    const invoice = await approvedInvoice(contact.contactID!);
    const note = await xero.accountingApi.createCreditNotes(tenantId, {
      creditNotes: [
        {
          type: CreditNote.TypeEnum.ACCRECCREDIT,
          contact: { contactID: contact.contactID },
          date: '2026-11-03',
          status: CreditNote.StatusEnum.AUTHORISED,
          lineItems: [{ ...line, unitAmount: 20 }],
        },
      ],
    });
    const creditNoteID = note.body.creditNotes![0].creditNoteID!;
    expect(note.body.creditNotes![0].creditNoteNumber).toMatch(/^CN-\d{4}$/);
    await xero.accountingApi.createCreditNoteAllocation(tenantId, creditNoteID, {
      allocations: [{ invoice: { invoiceID: invoice.invoiceID! }, amount: 22, date: '2026-11-04' }],
    });
    const after = await xero.accountingApi.getInvoice(tenantId, invoice.invoiceID!);
    const credit = await xero.accountingApi.getCreditNote(tenantId, creditNoteID);
    expect([after.body.invoices![0].amountCredited, after.body.invoices![0].amountDue]).toEqual([22, 88]);
    expect([credit.body.creditNotes![0].remainingCredit, credit.body.creditNotes![0].status]).toEqual([
      0,
      CreditNote.StatusEnum.PAID,
    ]);
  });

  it('polls payments with If-Modified-Since and paging, and sees a deleted payment (§3.4, §3.8)', async () => {
    const contact = await newContact('Poll Me Ltd', 'D365-C-45');
    const invoice = await approvedInvoice(contact.contactID!);
    emulator.admin.advanceClock(1000);
    const since = new Date(emulator.admin.now());
    const payment = await xero.accountingApi.createPayment(tenantId, {
      invoice: { invoiceID: invoice.invoiceID },
      account: { code: '090' },
      date: '2026-11-05',
      amount: 10,
    });
    await xero.accountingApi.deletePayment(tenantId, payment.body.payments![0].paymentID!, {
      status: 'DELETED',
    });
    const polled = await xero.accountingApi.getPayments(tenantId, since, undefined, undefined, 1, 100);
    expect(polled.body.payments!.map((p) => [p.paymentID, p.status])).toEqual([
      [payment.body.payments![0].paymentID, 'DELETED'],
    ]);
  });

  it('updates an invoice by id with updateInvoice and keeps its number (§1 updateInvoice)', async () => {
    const contact = await newContact('Update Me Ltd', 'D365-C-46');
    const invoice = await approvedInvoice(contact.contactID!);
    const updated = await xero.accountingApi.updateInvoice(tenantId, invoice.invoiceID!, {
      invoices: [{ reference: 'updated', lineItems: [{ ...line, quantity: 2 }] }],
    });
    expect(updated.body.invoices![0]).toMatchObject({
      invoiceNumber: invoice.invoiceNumber,
      reference: 'updated',
      total: 220,
    });
  });
});
