/**
 * Fault drills the resilience suite (integration/resilience.test.ts: crash after Xero's success,
 * Xero 429 and 5xx storms, Dataverse 429) does not cover: a Xero call that hangs until the
 * relay's timeout, dropped connections, a two-"minute" Xero outage, a 429 with a long Retry-After,
 * the access token expiring in the middle of a batch, a Dataverse 503 burst and a 412 on the
 * write-back. Each ends with the invoice synced once in Xero and a history row whose attempt
 * count is the ledger's.
 */
import { CHOICES, COLUMNS, SYSTEM_TABLES, TABLES } from '../../../solution/names';
import { TokenCipher } from '../../src/oauth/crypto';
import { storeTokenStore } from '../../src/oauth/storePorts';
import { openTokenSet, replaceTokenSet } from '../../src/oauth/tokenSet';
import { startHarness, type Harness } from '../integration/integrationHarness';
import type { Row } from '../integration/webApi';

const HC = COLUMNS.syncHistory;
const SUCCEEDED = CHOICES.syncHistoryStatus.values.succeeded;
/** The harness relay's scaled Xero minute (its xeroLimits.minuteMs). */
const RELAY_MINUTE_MS = 500;
const HARNESS_LIMITS = {
  perMinute: 100_000,
  perDay: 1_000_000,
  appPerMinute: 1_000_000,
  maxConcurrent: 50,
  minuteMs: RELAY_MINUTE_MS,
};
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.stop(), 60_000);
afterEach(() => {
  h.xero.admin.clearFaults();
  h.dataverse.admin.clearFaults();
});

async function referenceOf(invoiceId: string): Promise<string> {
  const row = await h.api.get(`${SYSTEM_TABLES.invoice.entitySet}(${invoiceId})?$select=invoicenumber`);
  return String(row.invoicenumber);
}

async function copiesInXero(invoiceId: string): Promise<number> {
  const reference = await referenceOf(invoiceId);
  return h.xeroInvoices().filter((i) => i.Reference === reference).length;
}

async function syncOne(timeoutMs = 20_000): Promise<{ invoiceId: string; row: Row }> {
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  const rowId = await h.queueSync(invoiceId);
  return { invoiceId, row: await h.waitForFinal(rowId, timeoutMs) };
}

/** The row's attempt count is the ledger's claim count, and it says how hard the relay tried. */
async function expectHonestAttempts(row: Row, atLeast: number): Promise<void> {
  const job = await h.store.getJob(String(row[TABLES.syncHistory.primaryId]));
  expect(Number(row[HC.attempts])).toBeGreaterThanOrEqual(atLeast);
  expect(Number(row[HC.attempts])).toBe(job?.attempts);
}

it('syncs once after a Xero call hangs until the relay times out', async () => {
  h.xero.admin.addFault({ kind: 'hang', count: 1, path: '/Invoices$' });
  const { invoiceId, row } = await syncOne(60_000);
  expect(row[HC.status]).toBe(SUCCEEDED);
  await expectHonestAttempts(row, 2);
  expect(await copiesInXero(invoiceId)).toBe(1);
}, 70_000);

it('syncs once after Xero drops the connection twice', async () => {
  h.xero.admin.addFault({ kind: 'drop', count: 2, path: '/Invoices$' });
  const { invoiceId, row } = await syncOne();
  expect(row[HC.status]).toBe(SUCCEEDED);
  await expectHonestAttempts(row, 2);
  expect(await copiesInXero(invoiceId)).toBe(1);
});

it('syncs once after a Xero outage of two scaled minutes', async () => {
  h.xero.admin.addFault({ kind: 'status', status: 503, count: 100_000 });
  const ended = new Promise<void>((resolve) =>
    setTimeout(() => {
      h.xero.admin.clearFaults();
      resolve();
    }, 2 * RELAY_MINUTE_MS),
  );
  const { invoiceId, row } = await syncOne();
  await ended;
  expect(row[HC.status]).toBe(SUCCEEDED);
  await expectHonestAttempts(row, 2);
  expect(await copiesInXero(invoiceId)).toBe(1);
});

it('waits out a 429 with a long Retry-After without calling Xero meanwhile, then syncs once', async () => {
  // A 10 ms "minute" makes Xero's day 14.4 s, so the Retry-After (the rest of that day) stays well
  // above the 3 s window checked below even on a slow machine. Once the relay is calling, the day's budget is spent
  // behind its back (another app), so the next call gets a 429 with a Retry-After of seconds; the
  // limit is lifted at once, so any call inside the Retry-After would be answered: the relay must
  // still hold back. Latency spaces the calls out so the budget is spent mid-sync.
  h.xero.admin.setLimits({ minuteMs: 10 });
  h.xero.admin.resetLimits();
  h.xero.admin.setLatency(100);
  // The relay is told the same scaled day, as the bench tells it the scaled minute.
  await h.relaunchRelay({ xeroLimits: { ...HARNESS_LIMITS, dayMs: 10 * 60 * 24 } });
  h.xero.admin.clearRequestLog();
  const apiCalls = () =>
    h.xero.admin.requestLog().requests.filter((r) => r.path.toLowerCase().startsWith('/api.xro/'));
  try {
    const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
    const rowId = await h.queueSync(invoiceId);
    await h.waitFor('the relay to call Xero', async () => (apiCalls().length > 0 ? true : undefined));
    h.xero.admin.setLimits({ perDay: 0 });
    const first429 = await h.waitFor('Xero to answer 429', async () =>
      apiCalls().find((r) => r.status === 429),
    );
    h.xero.admin.setLimits({ perDay: 1_000_000 });
    const row = await h.waitForFinal(rowId, 30_000);
    expect(row[HC.status]).toBe(SUCCEEDED);
    expect(await copiesInXero(invoiceId)).toBe(1);
    // A call the relay had already sent when the 429 reached it is not the relay's choice; a call
    // it started after that (100 ms for the answer to travel) inside the wait would be.
    const answered = apiCalls().filter((r) => {
      const startedAt = r.ms - r.durationMs;
      return startedAt > first429.ms + 100 && startedAt < first429.ms + 3000 && r.status !== 429;
    });
    expect(answered).toHaveLength(0);
  } finally {
    h.xero.admin.setLatency(0);
    h.xero.admin.setLimits({ minuteMs: 60_000, perDay: 1_000_000 });
    h.xero.admin.resetLimits();
    await h.relaunchRelay();
  }
}, 60_000);

it('refreshes the access token when it expires in the middle of a batch and syncs every invoice once', async () => {
  await h.relay.worker.stop();
  const invoices: string[] = [];
  const rows: string[] = [];
  for (let i = 0; i < 40; i++) {
    const invoiceId = await h.createInvoice({ name: `Expiry ${i}`, lines: [{ product: 'GADGET' }] });
    invoices.push(invoiceId);
    rows.push(await h.queueSync(invoiceId, CHOICES.trigger.values.bulk));
  }
  const cipher = new TokenCipher(h.config.encryption.current);
  const tokens = storeTokenStore(h.store);
  const stored = await h.store.getToken(h.seed.connectionId);
  if (!stored) throw new Error('the harness connection has no tokens');
  const current = openTokenSet(cipher, h.seed.connectionId, stored.blob);
  const before = stored.version;
  // The relay refreshes 2 minutes before expiry: this token turns "expired" 300 ms into the run.
  await replaceTokenSet(tokens, cipher, h.seed.connectionId, {
    ...current,
    accessTokenExpiresAt: Date.now() + 2 * 60_000 + 300,
  });
  h.xero.admin.clearRequestLog();
  await h.relaunchRelay();
  const finals: Row[] = [];
  for (const rowId of rows) finals.push(await h.waitForFinal(rowId, 60_000));
  expect(finals.filter((r) => r[HC.status] !== SUCCEEDED).map((r) => r[HC.message])).toEqual([]);
  expect((await h.store.getToken(h.seed.connectionId))!.version).toBeGreaterThan(before + 1);
  for (const invoiceId of invoices) expect(await copiesInXero(invoiceId)).toBe(1);
}, 120_000);

it('syncs once through a burst of Dataverse 503s on the invoice reads', async () => {
  await h.relay.worker.stop();
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  const rowId = await h.queueSync(invoiceId);
  await h.waitFor('the relay to take the request', async () =>
    (await h.store.getJob(rowId)) ? true : undefined,
  );
  h.dataverse.admin.addFault({ status: 503, count: 4, path: 'invoices', retryAfterSeconds: 0 });
  h.relay.worker.start();
  const row = await h.waitForFinal(rowId).catch(async (error: unknown) => {
    process.stderr.write(
      `503 drill row: ${JSON.stringify(await h.historyRow(rowId))} job: ${JSON.stringify(await h.store.getJob(rowId))}\n`,
    );
    throw error;
  });
  expect(row[HC.status]).toBe(SUCCEEDED);
  expect(await copiesInXero(invoiceId)).toBe(1);
});

it('ends the row honestly when the write-back meets a 412, with the document once in Xero', async () => {
  // The 412 is armed once Xero has accepted the document, so it meets the write-back itself.
  await h.relaunchRelay({
    afterXeroSend: async () => void h.dataverse.admin.addFault({ status: 412, count: 1, path: '\\$batch' }),
  });
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  const row = await h.waitForFinal(await h.queueSync(invoiceId));
  expect(await copiesInXero(invoiceId)).toBe(1);
  const invoice = await h.invoiceRow(invoiceId);
  const document = h.xeroInvoices().find((i) => i.Reference === invoice.invoicenumber);
  // Either the relay wrote the result back after all, or the row says it could not.
  if (row[HC.status] === SUCCEEDED) expect(invoice[COLUMNS.invoice.xeroId]).toBe(document?.InvoiceID);
  else expect(String(row[HC.message])).toMatch(/Dynamics 365/);
});
