/**
 * 401 and 403 mean different things (reference §4; docs/xero-behaviour.md#401-and-403), end to end:
 * an expired token gets one refresh and one retry; a missing scope and an organisation that left
 * put the connection in Needs attention with the reason, its jobs held, one history row.
 */
import { CHOICES, COLUMNS, TABLES } from '../../../solution/names';
import { startHarness, type Harness } from './integrationHarness';
import { CONNECTION_DEFAULTS, createAccount, storeConnectionTokens } from './seed';

const HC = COLUMNS.syncHistory;
const CC = COLUMNS.connection;
const HS = CHOICES.syncHistoryStatus.values;
const STATUS = CHOICES.connectionStatus.values;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.stop());
beforeEach(() => h.setConnection(CONNECTION_DEFAULTS));

const connection = () => h.api.get(`${TABLES.connection.entitySet}(${h.seed.connectionId})`);
const tokenCalls = () => h.xero.admin.requestLog().requests.filter((r) => r.path === '/connect/token').length;

async function paymentPullRows(): Promise<number> {
  const filter = `${HC.operation} eq ${CHOICES.operation.values.pullPayments} and ${HC.status} eq ${HS.failed}`;
  return (await h.api.list(`${TABLES.syncHistory.entitySet}?$filter=${encodeURIComponent(filter)}`)).length;
}

async function reconnect(scope?: string): Promise<void> {
  const tenant = { tenantId: h.tenantId, name: 'Harness Demo Ltd' };
  await storeConnectionTokens(h.store, h.config, h.seed.connectionId, h.xero, tenant, scope);
  await h.relay.connections.health.recordReconnected(h.seed.connectionId);
}

it('refreshes once after a 401 for an access token Xero expired early, and the sync goes through', async () => {
  h.xero.admin.clearRequestLog();
  h.xero.admin.expireAccessTokens();
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  const row = await h.waitForFinal(await h.queueSync(invoiceId));
  expect(row[HC.status]).toBe(HS.succeeded);
  expect(tokenCalls()).toBe(1);
});

it('holds the sync and names the missing scope when Xero answers 401 AuthorizationUnsuccessful', async () => {
  await reconnect(h.config.xero.scopes.filter((s) => s !== 'accounting.contacts').join(' '));
  const accountId = await createAccount(
    h.api,
    'Scopeless Customer Ltd',
    'ACC-SCOPE-1',
    'ap@scopeless.example',
  );
  const invoiceId = await h.createInvoice({ accountId, lines: [{ product: 'WIDGET' }] });
  const rowId = await h.queueSync(invoiceId);
  const held = await h.waitFor('the job to be held', async () => {
    const job = await h.store.getJob(rowId);
    return job?.state === 'held' ? job : undefined;
  });
  expect(held.lastError).toContain('accounting.contacts');
  expect(await connection()).toMatchObject({ [CC.status]: STATUS.needsAttention });
  expect(String((await connection())[CC.lastError])).toContain('accounting.contacts');
  await reconnect();
  expect((await h.waitForFinal(rowId))[HC.status]).toBe(HS.succeeded);
});

it('puts the connection in Needs attention once, with one history row, when the organisation left the app (403)', async () => {
  h.xero.admin.dropConnection(h.tenantId);
  const before = await paymentPullRows();
  await h.relay.connections.payments.scheduled(h.seed.connectionId);
  await h.relay.connections.payments.scheduled(h.seed.connectionId);
  expect(await paymentPullRows()).toBe(before + 1);
  const row = await connection();
  expect(row[CC.status]).toBe(STATUS.needsAttention);
  expect(String(row[CC.lastError])).toContain('no longer connected');
  const invoiceId = await h.createInvoice({ lines: [{ product: 'WIDGET' }] });
  const rowId = await h.queueSync(invoiceId);
  await h.waitFor('the job to be held', async () =>
    (await h.store.getJob(rowId))?.state === 'held' ? true : undefined,
  );
});
