import { COLUMNS, navigationProperty, TABLES } from '../../../solution/names';
import { startDataverseEmulator, type DataverseEmulator } from '../../../sandbox/dataverse';
import { DataverseHttpClient } from '../../src/adapters/dataverse/client';
import { KeyReadyDataverseClient } from '../../src/adapters/dataverse/keyReadiness';
import { keySegment } from '../../src/adapters/dataverse/odata';
import { StaticTokenProvider } from '../../src/adapters/dataverse/tokenProvider';
import { DataverseConnectionRows } from '../../src/connections/connectionRows';
import { createConnectionHealth } from '../../src/connections/health';
import { createLogger } from '../../src/logger';
import { createReferencePuller } from '../../src/pull/referenceJob';
import { ensureSolutionZip } from '../drills/solutionZip';
import { FakeXeroGateway } from '../../src/adapters/xero/fakeXeroGateway';
import type { Account } from 'xero-node';

// A key whose index Failed (duplicate rows, Learn "Work with alternate keys") is a problem a
// person must fix in Dynamics: the reference pull after Connect says so on the connection row.
let emulator: DataverseEmulator;
afterEach(() => emulator.stop());

it('reports a Failed alternate key as the last error on the connection row', async () => {
  emulator = await startDataverseEmulator({
    dataDir: null,
    keyActivationDelayMs: 300,
    solutionZips: [ensureSolutionZip()],
  });
  const plain = new DataverseHttpClient({
    url: emulator.url,
    tokenProvider: new StaticTokenProvider(emulator.admin.appToken()),
  });
  const connectionId = await plain.create(TABLES.connection.entitySet, { [COLUMNS.connection.name]: 'Demo' });
  const bind = {
    [`${navigationProperty(TABLES.glCode.logicalName, COLUMNS.glCode.connectionId)}@odata.bind`]: `/${keySegment(TABLES.connection, connectionId)}`,
  };
  // Two rows with the same code, written before the index job ran (an earlier unmanaged import).
  for (const name of ['Sales', 'Sales (copy)'])
    await plain.create(TABLES.glCode.entitySet, {
      [COLUMNS.glCode.name]: name,
      [COLUMNS.glCode.code]: '200',
      ...bind,
    });
  const dataverse = new KeyReadyDataverseClient(plain, { pollMs: 100 });
  const logger = createLogger({ level: 'silent' });
  const health = createConnectionHealth({
    rows: new DataverseConnectionRows(dataverse),
    store: { holdJobsForConnection: async () => 0, releaseHeldJobs: async () => 0 },
    logger,
  });
  const xero = new FakeXeroGateway({
    accounts: [{ accountID: '5c1d0d4c-0000-4000-8000-000000000001', code: '200', name: 'Sales' } as Account],
  });
  const run = await createReferencePuller({
    dataverse,
    xero,
    health,
    logger,
    dailyCallsLeft: () => undefined,
  }).run(connectionId);
  expect(run.ok).toBe(false);
  const row = await plain.get<Record<string, unknown>>(keySegment(TABLES.connection, connectionId), {
    select: [COLUMNS.connection.lastError],
  });
  expect(String(row?.[COLUMNS.connection.lastError])).toMatch(
    /could not activate the alternate key .* of stl_glcode: rows with the same stl_connectionid and stl_code already exist/,
  );
});
