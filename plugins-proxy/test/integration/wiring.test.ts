/**
 * createRelay's composition, one path each, through the harness over real HTTP: OAuth connect,
 * payments back through the Xero webhook and through the scheduled pull, the Refresh reference
 * data handler, the final failure the queue writes, the connection the push resolved, and
 * disconnect / reconnect holding and releasing jobs. The tests run in file order on one harness.
 */
import { randomBytes } from 'node:crypto';
import {
  CHOICES,
  COLUMNS,
  INVOICE_STATE,
  navigationProperty,
  STATE_COLUMNS,
  SYSTEM_TABLES,
  TABLES,
} from '../../../solution/names';
import { SCHEDULED_TASKS } from '../../src/connections/connectionServices';
import { JobOutcomes } from '../../src/jobs/outcomes';
import { startHarness, type Harness } from './integrationHarness';

const HC = COLUMNS.syncHistory;
const IC = COLUMNS.invoice;
const CC = COLUMNS.connection;
const STATUS = CHOICES.connectionStatus.values;
const MAX_ATTEMPTS = 3;
const bindOnSyncRow = (column: string, path: string) => ({
  [`${navigationProperty(TABLES.syncHistory.logicalName, column)}@odata.bind`]: `/${path}`,
});
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    maxAttempts: MAX_ATTEMPTS,
    // Void jobs stand in for any handler that only ever meets transient failures.
    relay: { handlers: { void: async () => JobOutcomes.retry(0, 'Xero is busy.') } },
  });
}, 60_000);
afterAll(async () => {
  await h?.xero.admin.configureWebhook(null);
  await h?.stop();
});

const connectionPath = (id: string) => `${TABLES.connection.entitySet}(${id})`;
const connectionRow = (id: string) => h.api.get(connectionPath(id));

/** What the connection form's script does before opening the relay: a fresh one-time nonce on the row. */
async function issueNonce(connectionId: string): Promise<string> {
  const nonce = randomBytes(16).toString('base64url');
  await h.api.update(connectionPath(connectionId), {
    [CC.connectNonce]: nonce,
    [CC.connectNonceIssuedOn]: new Date().toISOString(),
  });
  return nonce;
}

/** The admin's round trip: relay → Xero consent (auto_consent) → Xero's redirect replayed on the relay. */
async function connectThroughXero(
  connectionId: string,
  tenantId: string,
): Promise<{ status: number; page: string }> {
  const nonce = await issueNonce(connectionId);
  const start = await fetch(`${h.relayUrl}/oauth/connect?connection=${connectionId}&nonce=${nonce}`, {
    redirect: 'manual',
  });
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  authorize.searchParams.set('auto_consent', tenantId);
  const consent = await fetch(authorize, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const back = new URL(consent.headers.get('location')!);
  const callback = await fetch(`${h.relayUrl}${back.pathname}${back.search}`);
  const page = await callback.text();
  // The app holds consent for more than one organisation, so the relay asks which one.
  const ticket = /name="ticket" value="([^"]+)"/.exec(page)?.[1];
  if (!ticket) return { status: callback.status, page };
  const chosen = await fetch(`${h.relayUrl}/oauth/choose`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ticket, tenantId }).toString(),
  });
  return { status: chosen.status, page: await chosen.text() };
}

async function syncedInvoice(): Promise<{ invoiceId: string; xeroId: string }> {
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET', quantity: 2 }] });
  const row = await h.waitForFinal(await h.queueSync(invoiceId));
  expect(row[HC.status]).toBe(CHOICES.syncHistoryStatus.values.succeeded);
  return { invoiceId, xeroId: String((await h.invoiceRow(invoiceId))[IC.xeroId]) };
}

function paidInDynamics(invoiceId: string, timeoutMs: number) {
  return h.waitFor(
    'the payment on the Dynamics invoice',
    async () => {
      const row = await h.invoiceRow(invoiceId);
      return row[STATE_COLUMNS.stateCode] === INVOICE_STATE.paidComplete.statecode ? row : undefined;
    },
    timeoutMs,
  );
}

it('connects a second connection row through /oauth/connect and Xero consent: Connected with the tenant name', async () => {
  const second = h.xero.admin.createOrganisation({ name: 'Wiring Second Ltd', baseCurrency: 'USD' });
  const connectionId = await h.api.create(TABLES.connection.entitySet, {
    [CC.name]: 'Second organisation',
    [CC.status]: STATUS.notConnected,
  });
  const connected = await connectThroughXero(connectionId, second.tenantId);
  expect(connected.page).toContain('Connected to Wiring Second Ltd');
  expect(await connectionRow(connectionId)).toMatchObject({
    [CC.status]: STATUS.connected,
    [CC.tenantId]: second.tenantId,
    [CC.tenantName]: 'Wiring Second Ltd',
  });
});

it('writes the default connection it resolved on an invoice that named none', async () => {
  const { invoiceId } = await syncedInvoice();
  expect((await h.invoiceRow(invoiceId))[`_${IC.connectionId}_value`]).toBe(h.seed.connectionId);
});

it('shows a payment recorded in Xero on the Dynamics invoice within seconds, through the Xero webhook', async () => {
  const intent = await h.xero.admin.configureWebhook({
    url: `${h.relayUrl}/xero/webhook`,
    key: h.config.xero.webhookKey,
  });
  expect(intent?.ok).toBe(true);
  const { invoiceId, xeroId } = await syncedInvoice();
  expect(h.xero.admin.recordPayment({ tenantId: h.tenantId, invoiceId: xeroId }).ok).toBe(true);
  const invoice = await paidInDynamics(invoiceId, 5_000);
  expect(invoice).toMatchObject({ [IC.amountPaid]: 110, [IC.amountDue]: 0 });
});

it('shows a payment recorded in Xero on the Dynamics invoice through the scheduled payments pull', async () => {
  await h.xero.admin.configureWebhook(null);
  const { invoiceId, xeroId } = await syncedInvoice();
  expect(h.xero.admin.recordPayment({ tenantId: h.tenantId, invoiceId: xeroId }).ok).toBe(true);
  await h.relay.scheduler.runNow(SCHEDULED_TASKS.payments);
  expect(await h.invoiceRow(invoiceId)).toMatchObject({
    [STATE_COLUMNS.stateCode]: INVOICE_STATE.paidComplete.statecode,
    [IC.amountPaid]: 110,
  });
});

it('processes a Refresh reference data row to Succeeded', async () => {
  const rowId = await h.userApi.create(TABLES.syncHistory.entitySet, {
    [HC.name]: 'Refresh reference data',
    [HC.operation]: CHOICES.operation.values.refreshReferenceData,
    [HC.trigger]: CHOICES.trigger.values.button,
    [HC.status]: CHOICES.syncHistoryStatus.values.queued,
    ...bindOnSyncRow(HC.connectionId, connectionPath(h.seed.connectionId)),
  });
  const row = await h.waitForFinal(rowId);
  expect(row[HC.status]).toBe(CHOICES.syncHistoryStatus.values.succeeded);
});

it('writes Failed with what to do on the row of a job that used all its attempts', async () => {
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  const rowId = await h.userApi.create(TABLES.syncHistory.entitySet, {
    [HC.name]: 'Void',
    [HC.operation]: CHOICES.operation.values.voidDocument,
    [HC.trigger]: CHOICES.trigger.values.button,
    [HC.status]: CHOICES.syncHistoryStatus.values.queued,
    ...bindOnSyncRow(HC.invoiceId, `${SYSTEM_TABLES.invoice.entitySet}(${invoiceId})`),
  });
  await h.relay.reconcile();
  const row = await h.waitForFinal(rowId);
  expect(row[HC.status]).toBe(CHOICES.syncHistoryStatus.values.failed);
  expect(row[HC.message]).toMatch(new RegExp(`^Gave up after ${MAX_ATTEMPTS} attempts: Xero is busy\\.`));
});

describe('disconnect and reconnect', () => {
  let heldRowId: string;

  it('disconnects: the row shows Disconnected and a later push job is held', async () => {
    const connectionId = h.seed.connectionId;
    const reply = await fetch(`${h.relayUrl}/oauth/disconnect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        connection: connectionId,
        nonce: await issueNonce(connectionId),
      }).toString(),
    });
    expect(reply.status).toBe(200);
    expect((await connectionRow(connectionId))[CC.status]).toBe(STATUS.disconnected);

    heldRowId = await h.queueSync(await h.createInvoice({ lines: [{ product: 'WIDGET' }] }));
    await h.waitFor('the push job to be held', async () =>
      (await h.store.getJob(heldRowId))?.state === 'held' ? true : undefined,
    );
    expect((await connectionRow(connectionId))[CC.status]).toBe(STATUS.disconnected);
  });

  it('reconnects: the held push job resumes and succeeds', async () => {
    const connected = await connectThroughXero(h.seed.connectionId, h.tenantId);
    expect(connected.status).toBe(200);
    const row = await h.waitForFinal(heldRowId);
    expect(row[HC.status]).toBe(CHOICES.syncHistoryStatus.values.succeeded);
    expect((await connectionRow(h.seed.connectionId))[CC.status]).toBe(STATUS.connected);
  });
});
