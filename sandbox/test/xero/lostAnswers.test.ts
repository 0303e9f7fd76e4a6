// A call that Xero carries out but whose answer never arrives (a timeout after the commit): the
// `lose` fault does the work and closes the connection, so a client cannot tell it from a `drop`.
import type { XeroEmulator } from '../../xero';
import { contactId, rawApi, salesInvoice, startEmulator, type RawApi } from './helpers';

let emulator: XeroEmulator;
let api: RawApi;

beforeAll(async () => {
  emulator = await startEmulator();
  api = rawApi(emulator);
});

afterAll(() => emulator.stop());

it('creates the document and then drops the connection, so the client sees a network error', async () => {
  const contact = await contactId(api);
  emulator.admin.addFault({ kind: 'lose', path: '/Invoices$' });
  await expect(
    api.call('PUT', '/Invoices', { Invoices: [salesInvoice(contact, { Reference: 'LOST-1' })] }),
  ).rejects.toThrow();
  const found = await api.call('GET', `/Invoices?where=${encodeURIComponent('Reference=="LOST-1"')}`);
  expect(found.body.Invoices).toHaveLength(1);
});

it('drops the connection before the work with `drop`, so nothing is created', async () => {
  const contact = await contactId(api);
  emulator.admin.addFault({ kind: 'drop', path: '/Invoices$' });
  await expect(
    api.call('PUT', '/Invoices', { Invoices: [salesInvoice(contact, { Reference: 'LOST-2' })] }),
  ).rejects.toThrow();
  const found = await api.call('GET', `/Invoices?where=${encodeURIComponent('Reference=="LOST-2"')}`);
  expect(found.body.Invoices).toHaveLength(0);
});
