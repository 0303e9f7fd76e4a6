// Emailing an invoice (reference/xero-api.md §3.10): Xero sends it to the contact's email address
// and its ContactPersons with IncludeInEmails, so a contact with neither cannot receive it. Xero's
// exact message is not published; the emulator refuses with its own words, as a 400.
import type { XeroEmulator } from '../../xero';
import { rawApi, salesInvoice, startEmulator, type RawApi } from './helpers';

let emulator: XeroEmulator;
let api: RawApi;

beforeAll(async () => {
  emulator = await startEmulator();
  api = rawApi(emulator);
});

afterAll(() => emulator.stop());

async function invoiceFor(contact: Record<string, unknown>): Promise<string> {
  const created = await api.call('PUT', '/Contacts', { Contacts: [contact] });
  const contactId = created.body.Contacts[0].ContactID;
  const invoice = await api.call('PUT', '/Invoices', { Invoices: [salesInvoice(contactId)] });
  return invoice.body.Invoices[0].InvoiceID;
}

it('refuses to email an invoice whose contact has no email address (§3.10)', async () => {
  const id = await invoiceFor({ Name: 'No Mail Pty Ltd' });
  const reply = await api.call('POST', `/Invoices/${id}/Email`, {});
  expect(reply.status).toBe(400);
  expect(reply.body.Elements[0].ValidationErrors[0].Message).toMatch(/no email address/);
});

it('emails it when a contact person with IncludeInEmails has an address (§3.10)', async () => {
  const id = await invoiceFor({
    Name: 'People Pty Ltd',
    ContactPersons: [{ FirstName: 'Ann', EmailAddress: 'ann@example.com', IncludeInEmails: true }],
  });
  expect((await api.call('POST', `/Invoices/${id}/Email`, {})).status).toBe(204);
});
