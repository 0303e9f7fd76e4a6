// Pulling changes (reference/xero-api.md §3.4): where filters, If-Modified-Since, paging limits,
// explicit id lists, contacts by number, and the unpaged summary form of invoices.
import http from 'node:http';
import type { XeroEmulator } from '../../xero';
import { contactId, rawApi, salesInvoice, startEmulator, type RawApi } from './helpers';

let emulator: XeroEmulator;
let api: RawApi;
let contact: string;

beforeAll(async () => {
  emulator = await startEmulator();
  api = rawApi(emulator);
  contact = await contactId(api);
  await api.call('PUT', '/Invoices', {
    Invoices: [
      salesInvoice(contact, { Reference: 'L-1', Status: 'DRAFT' }),
      salesInvoice(contact, { Reference: 'L-2' }),
      // A bill's own number is its key: Xero keeps no Reference on ACCPAY (§3.7).
      salesInvoice(contact, {
        Type: 'ACCPAY',
        InvoiceNumber: 'L-3',
        LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1, AccountCode: '300' }],
      }),
    ],
  });
});

afterAll(() => emulator.stop());

const where = (clause: string) => `where=${encodeURIComponent(clause)}`;
const references = (reply: { body: { Invoices: { Reference?: string; InvoiceNumber: string }[] } }) =>
  reply.body.Invoices.map((i) => i.Reference || i.InvoiceNumber);
const OURS = '(Reference.StartsWith("L-") OR InvoiceNumber.StartsWith("L-"))';

describe('list filters', () => {
  it('filters with AND, OR and != in where (§3.4)', async () => {
    const both = await api.call(
      'GET',
      `/Invoices?${where('Type=="ACCREC" AND Status=="AUTHORISED" AND Reference.StartsWith("L-")')}`,
    );
    const either = await api.call('GET', `/Invoices?${where('Reference=="L-1" OR InvoiceNumber=="L-3"')}`);
    const notDraft = await api.call('GET', `/Invoices?${where(`Status!="DRAFT" && ${OURS}`)}`);
    expect(references(both)).toEqual(['L-2']);
    expect(references(either)).toEqual(['L-1', 'L-3']);
    expect(references(notDraft)).toEqual(['L-2', 'L-3']);
  });

  it('filters on nested fields and GUIDs such as Contact.ContactID (§3.4)', async () => {
    const reply = await api.call(
      'GET',
      `/Invoices?${where(`Contact.ContactID==Guid("${contact.toUpperCase()}") AND ${OURS}`)}`,
    );
    expect(references(reply)).toEqual(['L-1', 'L-2', 'L-3']);
  });

  it('answers 400 to a where clause it cannot parse (§3.4)', async () => {
    expect((await api.call('GET', `/Invoices?${where('Status==')}`)).status).toBe(400);
  });

  it('returns only records changed since If-Modified-Since (§3.4)', async () => {
    emulator.admin.advanceClock(60_000);
    const since = new Date(emulator.admin.now()).toISOString();
    await api.call('PUT', '/Invoices', { Invoices: [salesInvoice(contact, { Reference: 'L-NEW' })] });
    const reply = await api.call('GET', '/Invoices', undefined, { 'If-Modified-Since': since });
    expect(references(reply)).toEqual(['L-NEW']);
  });

  it('caps pageSize at 1000 and defaults to 100 a page (§3.4)', async () => {
    const big = await api.call('GET', '/Invoices?page=1&pageSize=5000');
    const normal = await api.call('GET', '/Invoices?page=1');
    expect([big.body.pagination.pageSize, normal.body.pagination.pageSize]).toEqual([1000, 100]);
  });

  it('returns line items on paged calls only (§3.4)', async () => {
    const unpaged = await api.call('GET', '/Invoices');
    const paged = await api.call('GET', '/Invoices?page=1');
    expect(unpaged.body.Invoices[0].LineItems).toBeUndefined();
    expect(paged.body.Invoices[0].LineItems).toHaveLength(1);
  });

  it('accepts a {} body on GET, as xero-node sends one (§2)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${emulator.apiBasePath}/Invoices`, {
        method: 'GET',
        headers: {
          authorization: `Bearer ${api.token}`,
          'xero-tenant-id': api.tenantId,
          'content-type': 'application/json',
          'content-length': '2',
        },
      });
      req.on('response', (res) => (res.resume(), resolve(res.statusCode ?? 0)));
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(200);
  });

  it('finds a contact by ContactNumber on the /Contacts/{id} path (§3.9)', async () => {
    const reply = await api.call('GET', '/Contacts/DEMO-C-2');
    expect(reply.body.Contacts[0].Name).toBe('Ridgeway University');
  });

  it('hides archived contacts unless includeArchived=true (§3.9)', async () => {
    await api.call('POST', '/Contacts', { Contacts: [{ Name: 'Old Customer', ContactStatus: 'ARCHIVED' }] });
    const hidden = await api.call('GET', `/Contacts?${where('Name=="Old Customer"')}`);
    const shown = await api.call('GET', `/Contacts?${where('Name=="Old Customer"')}&includeArchived=true`);
    expect([hidden.body.Contacts.length, shown.body.Contacts.length]).toEqual([0, 1]);
  });

  it('filters items with IsSold==true and Code=="…" (§3.9)', async () => {
    const reply = await api.call('GET', `/Items?${where('IsSold==true AND Code=="BOOK"')}`);
    expect(reply.body.Items.map((i: { Code: string }) => i.Code)).toEqual(['BOOK']);
  });

  it('writes /Date(ms+0000)/ dates with their String companions (§3.6)', async () => {
    const reply = await api.call('GET', `/Invoices?${where('Reference=="L-2"')}`);
    expect(reply.body.Invoices[0]).toMatchObject({
      Date: '/Date(1793491200000+0000)/',
      DateString: '2026-11-01T00:00:00',
    });
  });
});
