/**
 * Exactly once under failure: a crash between Xero's success and the write-back, Xero 429 and
 * 5xx storms (the emulator's fault injection) and Dataverse throttling all end with the invoice
 * synced and exactly one document in Xero.
 */
import { CHOICES, COLUMNS, SYSTEM_TABLES } from '../../../solution/names';
import type { Store } from '../../src/adapters/store/store';
import { startHarness, type Harness } from './integrationHarness';

const HC = COLUMNS.syncHistory;
const SUCCEEDED = CHOICES.syncHistoryStatus.values.succeeded;
let h: Harness;
/** The relay a test crashes: every write-back dies, as if the process stopped right after Xero answered. */
const crashing = {
  afterXeroSend: async () => {
    throw new Error('simulated crash after Xero accepted the document');
  },
};
const healthy = { afterXeroSend: async () => undefined };

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.stop());
afterEach(() => {
  h.xero.admin.clearFaults();
  h.dataverse.admin.clearFaults();
});

async function dynamicsNumber(invoiceId: string): Promise<string> {
  const row = await h.api.get(`${SYSTEM_TABLES.invoice.entitySet}(${invoiceId})?$select=invoicenumber`);
  return String(row.invoicenumber);
}

async function xeroCopies(invoiceId: string): Promise<number> {
  const reference = await dynamicsNumber(invoiceId);
  return h.xeroInvoices().filter((i) => i.Reference === reference).length;
}

/** A store that lost its idempotency ledger (e.g. restored from an old backup). */
function withoutLedger(store: Store): Store {
  return new Proxy(store, {
    get(target, name, receiver) {
      if (name === 'getIdempotency') return async () => null;
      const value = Reflect.get(target, name, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

it('makes exactly one Xero invoice when the relay crashes after Xero accepted it and restarts', async () => {
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  const reference = await dynamicsNumber(invoiceId);
  await h.relaunchRelay(crashing);
  const rowId = await h.queueSync(invoiceId);
  await h.waitFor('Xero to hold the invoice', async () =>
    h.xeroInvoices().some((i) => i.Reference === reference) ? true : undefined,
  );
  await h.relaunchRelay(healthy);
  const row = await h.waitForFinal(rowId);
  expect(row[HC.status]).toBe(SUCCEEDED);
  expect(await xeroCopies(invoiceId)).toBe(1);
});

it('finds the invoice in Xero by reference after a crash when the ledger has no record of it', async () => {
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  const reference = await dynamicsNumber(invoiceId);
  await h.relaunchRelay(crashing);
  const rowId = await h.queueSync(invoiceId);
  await h.waitFor('Xero to hold the invoice', async () =>
    h.xeroInvoices().some((i) => i.Reference === reference) ? true : undefined,
  );
  await h.relaunchRelay(healthy, withoutLedger);
  const row = await h.waitForFinal(rowId);
  expect(row[HC.status]).toBe(SUCCEEDED);
  expect(await xeroCopies(invoiceId)).toBe(1);
  await h.relaunchRelay(healthy);
});

it('syncs through a storm of Xero 429s without an extra document', async () => {
  h.xero.admin.addFault({ kind: 'status', status: 429, count: 5, path: '/Invoices$' });
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  const row = await h.waitForFinal(await h.queueSync(invoiceId));
  expect(row[HC.status]).toBe(SUCCEEDED);
  expect(await xeroCopies(invoiceId)).toBe(1);
});

it('syncs through a storm of Xero 5xx answers without an extra document', async () => {
  h.xero.admin.addFault({ kind: 'status', status: 503, count: 3, path: '/Invoices$' });
  h.xero.admin.addFault({ kind: 'status', status: 500, count: 2, path: '/Contacts' });
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  const row = await h.waitForFinal(await h.queueSync(invoiceId));
  expect(row[HC.status]).toBe(SUCCEEDED);
  expect(Number(row[HC.attempts])).toBeGreaterThan(1);
  expect(await xeroCopies(invoiceId)).toBe(1);
});

it('syncs through Dataverse throttling (429 with Retry-After)', async () => {
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  h.dataverse.admin.addFault({ status: 429, count: 6, path: '\\$batch', retryAfterSeconds: 0 });
  const row = await h.waitForFinal(await h.queueSync(invoiceId));
  expect(row[HC.status]).toBe(SUCCEEDED);
  expect(await xeroCopies(invoiceId)).toBe(1);
});
