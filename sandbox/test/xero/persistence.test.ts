// The emulator persists to SQLite in a data folder: a restart keeps organisations, documents and
// tokens, and does not re-seed the demo organisation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contactId, rawApi, salesInvoice, startEmulator } from './helpers';

let dataDir: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xero-emulator-'));
});

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it('keeps organisations, invoices and tokens across a restart on the same data folder', async () => {
  const first = await startEmulator({ dataDir });
  const api = rawApi(first);
  const created = await api.call('PUT', '/Invoices', {
    Invoices: [salesInvoice(await contactId(api), { Reference: 'KEEP' })],
  });
  await first.stop();

  const second = await startEmulator({ dataDir });
  try {
    const reply = await fetch(`${second.apiBasePath}/Invoices/${created.body.Invoices[0].InvoiceID}`, {
      headers: { authorization: `Bearer ${api.token}`, 'xero-tenant-id': api.tenantId },
    });
    expect(second.tenants).toEqual(first.tenants);
    expect((await reply.json()).Invoices[0].Reference).toBe('KEEP');
  } finally {
    await second.stop();
  }
});
