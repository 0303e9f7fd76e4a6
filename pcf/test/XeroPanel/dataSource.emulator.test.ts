/**
 * The panel's reads and its sync request over real HTTP against the Dataverse emulator with our
 * own solution imported: the queries the panel sends are ones Dataverse answers.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  CHOICES,
  COLUMNS,
  ENVIRONMENT_VARIABLE_TABLES,
  SYSTEM_TABLES,
  TABLES,
} from '../../../solution/names';
import { startDataverseEmulator, type DataverseEmulator } from '../../../sandbox/dataverse';
import { mapInvoice } from '../../../plugins-proxy/src/domain/mapInvoice';
import { loadPanel, requestSync, type PanelWebApi } from '../../XeroPanel/dataSource';
import { snapshotFromRows } from '../../XeroPanel/snapshotFromRows';
import { toPreflightView } from '../../XeroPanel/mapping';
import { testFormatters } from './support';

const repoRoot = path.join(__dirname, '..', '..', '..');
const zip = path.join(repoRoot, 'dist', 'StellariseConnector_1_0_0_0.zip');

const ENTITY_SETS = new Map<string, string>(
  [...Object.values(TABLES), ...Object.values(SYSTEM_TABLES), ENVIRONMENT_VARIABLE_TABLES.definition].map(
    (t) => [t.logicalName, t.entitySet],
  ),
);

/** context.webAPI as Dynamics implements it: the Web API over fetch, errors as `{ message }`. */
function httpWebApi(emulator: DataverseEmulator): PanelWebApi & { requests: string[] } {
  const token = emulator.admin.appToken();
  const requests: string[] = [];
  const call = async (method: string, url: string, body?: unknown) => {
    requests.push(`${method} ${url}`);
    const reply = await fetch(`${emulator.url}/api/data/v9.2/${url}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await reply.text();
    if (!reply.ok) throw { message: `${reply.status} ${text}` };
    const id = /\(([0-9a-f-]{36})\)$/.exec(reply.headers.get('odata-entityid') ?? '')?.[1] ?? '';
    return { json: (text ? JSON.parse(text) : {}) as Record<string, unknown>, id };
  };
  const set = (entity: string) => ENTITY_SETS.get(entity) ?? `${entity}s`;
  return {
    requests,
    retrieveRecord: async (e, id, o) => (await call('GET', `${set(e)}(${id})${o ?? ''}`)).json,
    retrieveMultipleRecords: async (e, o) => ({
      entities: (await call('GET', `${set(e)}${o ?? ''}`)).json.value as Record<string, unknown>[],
    }),
    createRecord: async (e, d) => ({ id: (await call('POST', set(e), d)).id }),
    updateRecord: async (e, id, d) => (await call('PATCH', `${set(e)}(${id})`, d)).json,
  };
}

let emulator: DataverseEmulator;
let webApi: ReturnType<typeof httpWebApi>;
let invoiceId: string;

beforeAll(async () => {
  if (!existsSync(zip)) execSync('npx tsx scripts/build.ts', { cwd: repoRoot, stdio: 'pipe' });
  emulator = await startDataverseEmulator({ dataDir: null, solutionZips: [zip] });
  webApi = httpWebApi(emulator);
  const create = async (entity: string, data: Record<string, unknown>) =>
    (await webApi.createRecord(entity, data)).id;
  const connection = await create(TABLES.connection.logicalName, {
    [COLUMNS.connection.name]: 'Demo',
    [COLUMNS.connection.tenantName]: 'Demo Company',
    [COLUMNS.connection.isDefault]: true,
  });
  const ofConnection = { 'stl_ConnectionId@odata.bind': `/${TABLES.connection.entitySet}(${connection})` };
  const glCode = await create(TABLES.glCode.logicalName, {
    [COLUMNS.glCode.code]: '200',
    [COLUMNS.glCode.name]: 'Sales',
    ...ofConnection,
  });
  const taxRate = await create(TABLES.taxRate.logicalName, {
    [COLUMNS.taxRate.taxType]: 'OUTPUT',
    [COLUMNS.taxRate.name]: 'GST on Income',
    [COLUMNS.taxRate.effectiveRate]: 10,
    [COLUMNS.taxRate.canApplyToRevenue]: true,
    ...ofConnection,
  });
  const account = await create(SYSTEM_TABLES.account.logicalName, { name: 'Acme Pty Ltd' });
  invoiceId = await create(SYSTEM_TABLES.invoice.logicalName, {
    name: 'Order 1',
    datedelivered: '2026-11-30',
    'customerid_account@odata.bind': `/accounts(${account})`,
    invoice_details: [
      {
        isproductoverridden: true,
        productdescription: 'Consulting, 2 hours',
        quantity: 2,
        priceperunit: 100,
        tax: 20,
        'stl_GlCodeId@odata.bind': `/${TABLES.glCode.entitySet}(${glCode})`,
        'stl_TaxRateId@odata.bind': `/${TABLES.taxRate.entitySet}(${taxRate})`,
      },
    ],
  });
}, 180_000);

afterAll(() => emulator?.stop());

it('reads a write-in invoice on the default connection, and the pre-flight check matches the totals', async () => {
  webApi.requests.length = 0;

  const result = await loadPanel(webApi, invoiceId);

  if (!result.ok || !result.rows) throw new Error(JSON.stringify(result));
  const view = toPreflightView(
    mapInvoice(snapshotFromRows(result.rows, '2026-12-01', 'UTC')),
    testFormatters(),
  );
  expect(view).toMatchObject({
    blocked: false,
    dynamicsTotal: '220.00',
    xeroTotal: '220.00',
    difference: '0.00',
  });
  expect(view.findings).toEqual([]);
  expect(webApi.requests).toHaveLength(11);
});

it('queues a sync the next read lists as the newest history entry', async () => {
  const outcome = await requestSync(
    webApi,
    { id: invoiceId, name: 'Order 1' },
    CHOICES.trigger.values.button,
  );

  const again = await loadPanel(webApi, invoiceId);

  expect(outcome).toMatchObject({ ok: true });
  expect(
    again.ok && again.history.map((h) => [h[TABLES.syncHistory.primaryId], h[COLUMNS.syncHistory.status]]),
  ).toEqual([[outcome.ok && outcome.historyId, CHOICES.syncHistoryStatus.values.queued]]);
  expect(again.ok && again.invoice[COLUMNS.invoice.syncStatus]).toBe(CHOICES.syncStatus.values.queued);
});
