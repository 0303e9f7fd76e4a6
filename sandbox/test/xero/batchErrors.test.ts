// summarizeErrors semantics and Xero's error shapes (reference/xero-api.md §3.2).
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

const badInvoice = () =>
  salesInvoice(contact, {
    LineItems: [{ Description: 'Bad', Quantity: 1, UnitAmount: 5, AccountCode: '999' }],
  });

describe('batched writes', () => {
  it('answers 200 with every element and its ValidationErrors when summarizeErrors=false (§3.2)', async () => {
    const reply = await api.call('PUT', '/Invoices?summarizeErrors=false', {
      Invoices: [salesInvoice(contact, { Reference: 'MIX-OK' }), badInvoice()],
    });
    expect(reply.status).toBe(200);
    const [good, bad] = reply.body.Invoices;
    expect([good.StatusAttributeString, good.HasErrors]).toEqual(['OK', false]);
    expect([bad.StatusAttributeString, bad.HasErrors]).toEqual(['ERROR', true]);
    expect(bad.ValidationErrors).toEqual([
      { Message: "Account code '999' is not a valid code for this document." },
    ]);
    expect(bad.InvoiceID).toBe('00000000-0000-0000-0000-000000000000');
  });

  it('answers 400 ValidationException with only the failed elements without summarizeErrors=false (§3.2)', async () => {
    const reply = await api.call('PUT', '/Invoices', {
      Invoices: [salesInvoice(contact, { Reference: 'SUM-OK' }), badInvoice()],
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      ErrorNumber: 10,
      Type: 'ValidationException',
      Message: 'A validation exception occurred',
    });
    expect(reply.body.Elements).toHaveLength(1);
    expect(reply.body.Elements[0].ValidationErrors[0].Message).toContain("Account code '999'");
  });

  it('still creates the valid elements of a summarised batch that failed (§3.2, xero-ruby#247)', async () => {
    await api.call('PUT', '/Invoices', {
      Invoices: [salesInvoice(contact, { Reference: 'PARTIAL-OK' }), badInvoice()],
    });
    const found = await api.call('GET', `/Invoices?where=${encodeURIComponent('Reference=="PARTIAL-OK"')}`);
    expect(found.body.Invoices).toHaveLength(1);
  });

  it('reports schema violations from the official spec per element (§2 Ajv on the components)', async () => {
    const reply = await api.call('PUT', '/Invoices?summarizeErrors=false', {
      Invoices: [
        { Type: 'NOPE', Contact: { ContactID: contact }, LineItems: [{ Description: 'x', Quantity: 'two' }] },
      ],
    });
    const messages = reply.body.Invoices[0].ValidationErrors.map((e: { Message: string }) => e.Message);
    expect(messages).toEqual(
      expect.arrayContaining([
        '/Invoices/0/Type must be equal to one of the allowed values',
        '/Invoices/0/LineItems/0/Quantity must be number',
      ]),
    );
  });

  it("requires Type, Contact and LineItems with Xero's messages (§3.2, §3.6)", async () => {
    const reply = await api.call('PUT', '/Invoices?summarizeErrors=false', {
      Invoices: [{ Reference: 'EMPTY' }],
    });
    const messages = reply.body.Invoices[0].ValidationErrors.map((e: { Message: string }) => e.Message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Invoice Type must be specified',
        'A Contact must be specified for this type of transaction',
        'One or more line items must be specified',
      ]),
    );
  });

  it('flags contacts with HasValidationErrors and a duplicate name message (§3.2, §3.9)', async () => {
    const reply = await api.call('PUT', '/Contacts?summarizeErrors=false', {
      Contacts: [{ Name: 'Bayside Club' }, { Name: 'Fresh Co' }],
    });
    const [duplicate, fresh] = reply.body.Contacts;
    expect(duplicate.HasValidationErrors).toBe(true);
    expect(duplicate.ValidationErrors[0].Message).toMatch(
      /^The contact name Bayside Club is already assigned to another contact/,
    );
    expect([fresh.HasValidationErrors, fresh.StatusAttributeString]).toEqual([false, 'OK']);
  });

  it('answers the envelope with Id, Status, ProviderName and DateTimeUTC (§3.6)', async () => {
    const reply = await api.call('GET', '/Organisation');
    expect(reply.body).toMatchObject({ Status: 'OK', ProviderName: expect.any(String) });
    expect(reply.body.DateTimeUTC).toMatch(/^\/Date\(\d+\+0000\)\/$/);
    expect(reply.body.Id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
