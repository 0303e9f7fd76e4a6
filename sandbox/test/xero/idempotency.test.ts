// Idempotency-Key replay and reuse (reference/xero-api.md §3.3).
import type { XeroEmulator } from '../../xero';
import { contactId, rawApi, salesInvoice, startEmulator, type RawApi } from './helpers';

let emulator: XeroEmulator;
let api: RawApi;
let contact: string;

beforeAll(async () => {
  emulator = await startEmulator({ idempotencyWindowMs: 60_000 });
  api = rawApi(emulator);
  contact = await contactId(api);
});

afterAll(() => emulator.stop());

const put = (key: string, reference: string) =>
  api.call(
    'PUT',
    '/Invoices?summarizeErrors=false',
    { Invoices: [salesInvoice(contact, { Reference: reference })] },
    { 'Idempotency-Key': key },
  );

const countByReference = async (reference: string) =>
  (await api.call('GET', `/Invoices?where=${encodeURIComponent(`Reference=="${reference}"`)}`)).body.Invoices
    .length;

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body without creating a duplicate (§3.3)', async () => {
    const first = await put('d365:invoice:1:v1', 'IDEM-1');
    const second = await put('d365:invoice:1:v1', 'IDEM-1');
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(await countByReference('IDEM-1')).toBe(1);
  });

  it('refuses the same key with a different body (§3.3)', async () => {
    await put('d365:invoice:2:v1', 'IDEM-2');
    const reused = await put('d365:invoice:2:v1', 'IDEM-2-changed');
    expect(reused.status).toBe(400);
    expect(reused.body.Elements[0].ValidationErrors[0].Message).toMatch(
      /already been used with a different request/,
    );
  });

  it('keeps keys per app, so the same key for another organisation is another request and refused (§3.3 "Key re-use is processed per app")', async () => {
    const other = emulator.admin.createOrganisation({ name: 'Second Org', demoData: true });
    const otherApi = rawApi(emulator, other.tenantId);
    await put('shared-key', 'IDEM-3');
    const otherContact = await contactId(otherApi);
    const reply = await otherApi.call(
      'PUT',
      '/Invoices',
      { Invoices: [salesInvoice(otherContact, { Reference: 'IDEM-3' })] },
      { 'Idempotency-Key': 'shared-key' },
    );
    expect(reply.status).toBe(400);
  });

  it('forgets a key after the configured window (§3.3 retention is a setting)', async () => {
    await put('d365:invoice:4:v1', 'IDEM-4');
    emulator.admin.advanceClock(61_000);
    await put('d365:invoice:4:v1', 'IDEM-4');
    expect(await countByReference('IDEM-4')).toBe(2);
  });

  it('rejects a key longer than 128 characters (§3.3)', async () => {
    const reply = await put('k'.repeat(129), 'IDEM-5');
    expect(reply.status).toBe(400);
  });
});
