// Fault injection through the admin API: 5xx for the next N calls, hangs, dropped connections and
// slow responses, so clients' retry and timeout paths can be exercised.
import type { XeroEmulator } from '../../xero';
import { rawApi, startEmulator, type RawApi } from './helpers';

let emulator: XeroEmulator;
let api: RawApi;

beforeAll(async () => {
  emulator = await startEmulator();
  api = rawApi(emulator);
});

afterAll(() => emulator.stop());

afterEach(() => {
  emulator.admin.clearFaults();
  emulator.admin.setLatency(0);
});

async function addFault(rule: Record<string, unknown>) {
  const response = await fetch(`${emulator.url}/_admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  expect(response.status).toBe(200);
}

describe('fault injection', () => {
  it('answers the next N calls with the injected status, then recovers', async () => {
    await addFault({ kind: 'status', status: 503, count: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await api.call('GET', '/Organisation')).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('drops the connection so the client sees a network error', async () => {
    await addFault({ kind: 'drop' });
    await expect(api.call('GET', '/Organisation')).rejects.toThrow();
  });

  it('hangs the call so the client times out', async () => {
    await addFault({ kind: 'hang' });
    const hung = fetch(`${emulator.apiBasePath}/Organisation`, {
      headers: { authorization: `Bearer ${api.token}`, 'xero-tenant-id': api.tenantId },
      signal: AbortSignal.timeout(200),
    });
    await expect(hung).rejects.toThrow(/abort|timeout/i);
  });

  it('limits a fault to the paths its pattern matches', async () => {
    await addFault({ kind: 'status', status: 500, path: '/Invoices' });
    expect((await api.call('GET', '/Organisation')).status).toBe(200);
    expect((await api.call('GET', '/Invoices')).status).toBe(500);
  });

  it('slows a call by the injected delay', async () => {
    await addFault({ kind: 'slow', ms: 150 });
    const started = Date.now();
    await api.call('GET', '/Organisation');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('counts calls per endpoint and tenant in the request log', async () => {
    emulator.admin.clearRequestLog();
    await api.call('GET', '/Organisation');
    await api.call('GET', `/Invoices/${'0'.repeat(8)}-0000-0000-0000-000000000000`);
    const log = await (await fetch(`${emulator.url}/_admin/requests`)).json();
    expect(log.byEndpoint).toEqual({
      'GET /api.xro/2.0/Organisation': 1,
      'GET /api.xro/2.0/Invoices/:id': 1,
    });
    expect(log.byTenant).toEqual({ [api.tenantId]: 2 });
  });
});
