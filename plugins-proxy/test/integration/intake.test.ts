/**
 * Intake over real HTTP: the Dataverse emulator's webhook, the browser's nudge and the reconciler
 * all lead to one job per sync row, and nothing else queues work.
 */
import { CHOICES, COLUMNS, SYSTEM_TABLES, TABLES, navigationProperty } from '../../../solution/names';
import { syncHistoryCreated } from '../routes/executionContexts';
import { startHarness, WEBHOOK_SECRET, type Harness } from './integrationHarness';

const HC = COLUMNS.syncHistory;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.stop());

function nudge(rowId: string) {
  return fetch(`${h.relayUrl}/api/sync-requests/${rowId}/nudge`, {
    method: 'POST',
    headers: { Origin: h.config.dataverseOrigin },
  });
}

async function jobsFor(rowId: string) {
  return (await h.store.listJobs()).filter((j) => j.id === rowId.toLowerCase());
}

describe('the Dataverse webhook', () => {
  afterEach(() => h.setWebhookSecret(WEBHOOK_SECRET));

  it('answers 401 to a delivery with the wrong secret and queues nothing', async () => {
    await h.setWebhookSecret('not-the-relay-secret-at-all-000');
    const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
    const rowId = await h.queueSync(invoiceId);
    await h.dataverse.admin.webhooksSettled();
    const delivery = h.dataverse.admin.webhookDeliveries().find((d) => d.recordId === rowId);
    expect(delivery?.status).toBe(401);
    expect(await jobsFor(rowId)).toEqual([]);
  });

  it('answers 401 to a delivery without the secret header and queues nothing', async () => {
    const rowId = 'dededede-0000-4000-8000-00000000de01';
    const reply = await fetch(`${h.relayUrl}/dataverse/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(syncHistoryCreated(rowId)),
    });
    expect(reply.status).toBe(401);
    expect(await jobsFor(rowId)).toEqual([]);
  });
});

describe('the nudge', () => {
  it('queues nothing for a row that does not exist', async () => {
    const rowId = 'dededede-0000-4000-8000-00000000de02';
    expect((await nudge(rowId)).status).toBe(202);
    expect(await jobsFor(rowId)).toEqual([]);
  });

  it('queues nothing for a row that is not Queued', async () => {
    const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
    const rowId = await h.userApi.create(TABLES.syncHistory.entitySet, {
      [HC.name]: 'Already done',
      [HC.status]: CHOICES.syncHistoryStatus.values.succeeded,
      [`${navigationProperty(TABLES.syncHistory.logicalName, HC.invoiceId)}@odata.bind`]: `/${SYSTEM_TABLES.invoice.entitySet}(${invoiceId})`,
    });
    await h.dataverse.admin.webhooksSettled();
    expect((await nudge(rowId)).status).toBe(202);
    expect(await jobsFor(rowId)).toEqual([]);
  });
});

it('runs one job and makes one Xero invoice when the same row is announced by webhook, nudge and reconciler', async () => {
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  h.xero.admin.clearRequestLog();
  const rowId = await h.queueSync(invoiceId);
  await Promise.all([nudge(rowId), nudge(rowId), h.relay.reconcile(), h.dataverse.admin.webhooksSettled()]);
  const row = await h.waitForFinal(rowId);
  expect(row[HC.status]).toBe(CHOICES.syncHistoryStatus.values.succeeded);
  await h.relay.reconcile();
  expect(await jobsFor(rowId)).toEqual([expect.objectContaining({ state: 'succeeded', attempts: 1 })]);
  expect(h.xeroCalls(/^PUT \/Invoices$/)).toHaveLength(1);
});
