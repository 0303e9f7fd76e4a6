/**
 * Reference data from the Xero emulator into the Dataverse emulator over real HTTP: created,
 * updated, deactivated when Xero archives or drops a row, reactivated when it comes back, nothing
 * written when nothing changed, and the on-demand path through a Refresh reference data row.
 */
import type { Store as XeroStore } from '../../../sandbox/xero/store';
import {
  CHOICES,
  COLUMNS,
  CUSTOM_TABLE_STATE,
  STATE_COLUMNS,
  TABLES,
  navigationProperty,
} from '../../../solution/names';
import { startPullHarness, type PullHarness } from './pullHarness';

const G = COLUMNS.glCode;
let p: PullHarness;

beforeAll(async () => {
  p = await startPullHarness();
}, 60_000);
afterAll(() => p?.stop());

/** The emulator has no admin call to archive an account, so the test edits its store directly. */
function xeroStore(): XeroStore {
  return (p.h.xero.admin as unknown as { deps: { store: XeroStore } }).deps.store;
}

function setAccountStatus(code: string, status: 'ACTIVE' | 'ARCHIVED'): void {
  const account = xeroStore()
    .accounts.all(p.h.tenantId)
    .find((a) => a.Code === code);
  if (!account) throw new Error(`No account ${code} in the Xero emulator`);
  xeroStore().accounts.put(p.h.tenantId, { ...account, Status: status, UpdatedMs: Date.now() });
}

async function glCode(code: string) {
  const rows = await p.rowsOf(TABLES.glCode.entitySet, [G.code, G.name, G.xeroAccountId, G.accountClass]);
  return rows.find((r) => r[G.code] === code);
}

const stateOf = (row: Record<string, unknown> | undefined) => ({
  statecode: row?.[STATE_COLUMNS.stateCode],
  statuscode: row?.[STATE_COLUMNS.statusCode],
});

it('creates every coded account, tax rate, branding theme and tracking option of the organisation', async () => {
  const run = await p.services.referenceData.run(p.connectionId);
  expect(run.ok).toBe(true);
  const accounts = xeroStore()
    .accounts.all(p.h.tenantId)
    .filter((a) => a.Code && a.Status === 'ACTIVE');
  const active = (rows: Record<string, unknown>[]) =>
    rows.filter((r) => r[STATE_COLUMNS.stateCode] === CUSTOM_TABLE_STATE.active.statecode);
  expect(active(await p.rowsOf(TABLES.glCode.entitySet, [G.code]))).toHaveLength(accounts.length);
  expect(active(await p.rowsOf(TABLES.brandingTheme.entitySet, [COLUMNS.brandingTheme.name]))).toHaveLength(
    2,
  );
  expect(
    active(await p.rowsOf(TABLES.trackingCategory.entitySet, [COLUMNS.trackingCategory.name])).length,
  ).toBeGreaterThan(0);
  expect(
    active(await p.rowsOf(TABLES.trackingOption.entitySet, [COLUMNS.trackingOption.name])).length,
  ).toBeGreaterThan(0);
});

it('updates a code that existed before with what Xero says about it', async () => {
  const sales = await glCode('200');
  const inXero = xeroStore()
    .accounts.all(p.h.tenantId)
    .find((a) => a.Code === '200');
  expect(sales).toMatchObject({ [G.xeroAccountId]: inXero?.AccountID, [G.accountClass]: inXero?.Class });
});

it('deactivates a code Xero does not have, and never deletes it', async () => {
  expect(stateOf(await glCode('999'))).toEqual(CUSTOM_TABLE_STATE.inactive);
});

it('deactivates an account archived in Xero and reactivates it when it is restored', async () => {
  setAccountStatus('200', 'ARCHIVED');
  await p.services.referenceData.run(p.connectionId);
  expect(stateOf(await glCode('200'))).toEqual(CUSTOM_TABLE_STATE.inactive);
  setAccountStatus('200', 'ACTIVE');
  await p.services.referenceData.run(p.connectionId);
  expect(stateOf(await glCode('200'))).toEqual(CUSTOM_TABLE_STATE.active);
});

it('sends no $batch when nothing changed in Xero since the last pull', async () => {
  await p.services.referenceData.run(p.connectionId);
  p.h.dataverse.admin.requestLog.clear();
  const run = await p.services.referenceData.run(p.connectionId);
  expect(run.ok && run.value.message).toMatch(/\(0 written, 0 deactivated/);
  const batches = p.h.dataverse.admin.requestLog
    .snapshot()
    .entries.filter((e) => e.method === 'POST' && e.path.includes('$batch'));
  expect(batches).toHaveLength(0);
});

it('stamps the connection with the time of the last reference pull', async () => {
  const before = Date.now();
  await p.services.referenceData.run(p.connectionId);
  const row = await p.h.api.get(`${TABLES.connection.entitySet}(${p.connectionId})`);
  expect(Date.parse(String(row[COLUMNS.connection.lastReferenceSyncOn]))).toBeGreaterThanOrEqual(
    Math.floor(before / 1000) * 1000,
  );
});

it('answers a Refresh reference data row: Succeeded with the counts', async () => {
  const HC = COLUMNS.syncHistory;
  const rowId = await p.h.userApi.create(TABLES.syncHistory.entitySet, {
    [HC.name]: 'Refresh reference data',
    [HC.operation]: CHOICES.operation.values.refreshReferenceData,
    [HC.trigger]: CHOICES.trigger.values.button,
    [HC.status]: CHOICES.syncHistoryStatus.values.queued,
    [`${navigationProperty(TABLES.syncHistory.logicalName, HC.connectionId)}@odata.bind`]: `/${TABLES.connection.entitySet}(${p.connectionId})`,
  });
  const row = await p.h.waitForFinal(rowId);
  expect(row[HC.status]).toBe(CHOICES.syncHistoryStatus.values.succeeded);
  expect(row[HC.message]).toMatch(/^\d+ GL codes, \d+ tax rates, 2 branding themes, /);
});
