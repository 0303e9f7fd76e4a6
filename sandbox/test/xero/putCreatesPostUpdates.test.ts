// PUT creates, POST updates (reference/xero-api.md §3.7; docs/xero-behaviour.md#put-creates-post-updates):
// a PUT naming an existing document is refused, and xero-node's updateCreditNote (POST by id) updates.
import { CreditNote, LineAmountTypes, type XeroClient } from 'xero-node';
import type { XeroEmulator } from '../../xero';
import {
  contactId,
  rawApi,
  salesInvoice,
  startEmulator,
  tokenFromEndpoint,
  xeroClientFor,
  type RawApi,
} from './helpers';

let emulator: XeroEmulator;
let api: RawApi;
let xero: XeroClient;
let contact: string;

beforeAll(async () => {
  emulator = await startEmulator();
  api = rawApi(emulator);
  xero = xeroClientFor(emulator, await tokenFromEndpoint(emulator));
  contact = await contactId(api);
});

afterAll(() => emulator.stop());

const line = { description: 'Refund', quantity: 1, unitAmount: 50, accountCode: '200', taxType: 'OUTPUT' };

async function creditNote(): Promise<CreditNote> {
  const created = await xero.accountingApi.createCreditNotes(
    api.tenantId,
    {
      creditNotes: [
        {
          type: CreditNote.TypeEnum.ACCRECCREDIT,
          contact: { contactID: contact },
          date: '2026-11-03',
          lineAmountTypes: LineAmountTypes.Exclusive,
          status: CreditNote.StatusEnum.AUTHORISED,
          lineItems: [line],
        },
      ],
    },
    false,
  );
  return created.body.creditNotes![0];
}

describe('PUT creates, POST updates', () => {
  it('refuses a PUT /CreditNotes carrying an existing CreditNoteID and leaves the note as it was (§3.7)', async () => {
    const note = await creditNote();
    const reply = await api.call('PUT', '/CreditNotes?summarizeErrors=false', {
      CreditNotes: [
        {
          CreditNoteID: note.creditNoteID,
          Type: 'ACCRECCREDIT',
          Contact: { ContactID: contact },
          LineItems: [
            { Description: 'More', Quantity: 1, UnitAmount: 80, AccountCode: '200', TaxType: 'OUTPUT' },
          ],
        },
      ],
    });
    expect(reply.status).toBe(200);
    expect(reply.body.CreditNotes[0]).toMatchObject({ HasErrors: true, StatusAttributeString: 'ERROR' });
    expect(reply.body.CreditNotes[0].ValidationErrors[0].Message).toMatch(/already exists.*POST/);
    const stored = await api.call('GET', `/CreditNotes/${note.creditNoteID}`);
    expect(stored.body.CreditNotes[0].Total).toBe(55);
  });

  it('updates a credit note through xero-node updateCreditNote, POST /CreditNotes/{id} (§3.7)', async () => {
    const note = await creditNote();
    const updated = await xero.accountingApi.updateCreditNote(api.tenantId, note.creditNoteID!, {
      creditNotes: [{ lineItems: [line, { ...line, description: 'Extra', unitAmount: 10 }] }],
    });
    expect(updated.body.creditNotes![0]).toMatchObject({ creditNoteID: note.creditNoteID, total: 66 });
  });

  it('refuses a PUT /Invoices carrying an existing InvoiceID (§3.7, the same rule for invoices)', async () => {
    const created = await api.call('PUT', '/Invoices', { Invoices: [salesInvoice(contact)] });
    const id = created.body.Invoices[0].InvoiceID;
    const reply = await api.call('PUT', '/Invoices?summarizeErrors=false', {
      Invoices: [salesInvoice(contact, { InvoiceID: id, Reference: 'changed' })],
    });
    expect(reply.body.Invoices[0].ValidationErrors[0].Message).toMatch(/already exists.*POST/);
    expect((await api.call('GET', `/Invoices/${id}`)).body.Invoices[0].Reference).toBeUndefined();
  });
});
