// Xero's Idempotency-Key is a 6-minute guard (reference/xero-api.md §3.3; docs/xero-behaviour.md#idempotency-key):
// "keys are stored for 6 minutes from the time of the first call, after which they expire", and "If an
// idempotent request errors out internally, the error will be cached and returned when the request is
// re-run" (Xero's idempotency page, as quoted by public projects; see the behaviour page).
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
afterEach(() => emulator.admin.clearFaults());

const MINUTE = 60_000;
const put = (key: string, reference: string) =>
  api.call(
    'PUT',
    '/Invoices?summarizeErrors=false',
    { Invoices: [salesInvoice(contact, { Reference: reference })] },
    { 'Idempotency-Key': key },
  );
const count = async (reference: string) =>
  (await api.call('GET', `/Invoices?where=${encodeURIComponent(`Reference=="${reference}"`)}`)).body.Invoices
    .length;

describe('Idempotency-Key retention', () => {
  it('replays a key within 6 minutes of its first call by default (§3.3)', async () => {
    await put('ret-1', 'RET-1');
    emulator.admin.advanceClock(6 * MINUTE - 1000);
    await put('ret-1', 'RET-1');
    expect(await count('RET-1')).toBe(1);
  });

  it('treats the same key as a new request once 6 minutes have passed (§3.3)', async () => {
    await put('ret-2', 'RET-2');
    emulator.admin.advanceClock(6 * MINUTE);
    await put('ret-2', 'RET-2');
    expect(await count('RET-2')).toBe(2);
  });

  it('counts the 6 minutes from the first call, not from the last replay (§3.3)', async () => {
    await put('ret-3', 'RET-3');
    emulator.admin.advanceClock(4 * MINUTE);
    await put('ret-3', 'RET-3');
    emulator.admin.advanceClock(2 * MINUTE);
    await put('ret-3', 'RET-3');
    expect(await count('RET-3')).toBe(2);
  });

  it('replays a cached internal 500 under the key, and a new key gets a real answer (§3.3)', async () => {
    emulator.admin.addFault({ kind: 'status', status: 500, cached: true, path: '/Invoices$' });
    const first = await put('ret-4', 'RET-4');
    const again = await put('ret-4', 'RET-4');
    const fresh = await put('ret-4b', 'RET-4');
    expect([first.status, again.status, fresh.status]).toEqual([500, 500, 200]);
    expect(await count('RET-4')).toBe(1);
  });

  it('does not keep a 503 from in front of the API under the key (a gateway answer, not the request)', async () => {
    emulator.admin.addFault({ kind: 'status', status: 503, path: '/Invoices$' });
    const first = await put('ret-5', 'RET-5');
    const again = await put('ret-5', 'RET-5');
    expect([first.status, again.status]).toEqual([503, 200]);
  });

  it('answers 400 to the same key with another body, within the window (§3.3)', async () => {
    await put('ret-6', 'RET-6');
    const reused = await put('ret-6', 'RET-6-other');
    expect(reused.status).toBe(400);
  });
});
