// Request size (reference/xero-api.md §3.1): "A single POST to the Accounting … has a size limit of
// 3.5MB". Xero's reply to a larger one is not documented; the emulator answers 413 and saves nothing.
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

/** One invoice whose description makes the JSON body about `bytes` long. */
const sized = (reference: string, bytes: number) =>
  salesInvoice(contact, {
    Reference: reference,
    LineItems: [
      { Description: 'x'.repeat(bytes), Quantity: 1, UnitAmount: 1, AccountCode: '200', TaxType: 'OUTPUT' },
    ],
  });

it('answers 413 to a request body over 3.5 MB and creates nothing (§3.1)', async () => {
  const reply = await api.call('PUT', '/Invoices', { Invoices: [sized('BIG-1', 3_600_000)] });
  expect(reply.status).toBe(413);
  const found = await api.call('GET', `/Invoices?where=${encodeURIComponent('Reference=="BIG-1"')}`);
  expect(found.body.Invoices).toHaveLength(0);
});

it('accepts a body just under the limit (§3.1)', async () => {
  const reply = await api.call('PUT', '/Invoices?summarizeErrors=false', {
    Invoices: [sized('BIG-2', 3_000_000)],
  });
  expect(reply.status).toBe(200);
});
