// Dates (reference/xero-api.md §3.6): a missing Date defaults to today in the organisation's time
// zone; UpdatedDateUTC is the emulator clock in /Date(ms+0000)/ form.
import type { XeroEmulator } from '../../xero';
import { contactId, rawApi, salesInvoice, startEmulator, type RawApi } from './helpers';

const EVENING_UTC = Date.UTC(2026, 10, 30, 20, 0, 0); // already 1 December in Sydney
let emulator: XeroEmulator;
let api: RawApi;

beforeAll(async () => {
  emulator = await startEmulator({ now: () => EVENING_UTC });
  api = rawApi(emulator);
});

afterAll(() => emulator.stop());

it("defaults a missing Date to today in the organisation's time zone (§3.6)", async () => {
  const invoice = salesInvoice(await contactId(api));
  delete invoice.Date;
  const reply = await api.call('PUT', '/Invoices', { Invoices: [invoice] });
  expect(reply.body.Invoices[0].DateString).toBe('2026-12-01T00:00:00');
});

it('stamps UpdatedDateUTC from the emulator clock in /Date(ms+0000)/ form (§3.6)', async () => {
  const reply = await api.call('PUT', '/Invoices', { Invoices: [salesInvoice(await contactId(api))] });
  expect(reply.body.Invoices[0].UpdatedDateUTC).toBe(`/Date(${EVENING_UTC}+0000)/`);
});
