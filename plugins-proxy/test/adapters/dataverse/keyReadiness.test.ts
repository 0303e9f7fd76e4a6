import { COLUMNS, TABLES } from '../../../../solution/names';
import { startDataverseEmulator, type DataverseEmulator } from '../../../../sandbox/dataverse';
import { MINI, miniSolutionZip } from '../../../../sandbox/test/dataverse/helpers';
import { DataverseHttpClient } from '../../../src/adapters/dataverse/client';
import { KeyReadyDataverseClient } from '../../../src/adapters/dataverse/keyReadiness';
import { alternateKeySegment, guid, lookupProperty } from '../../../src/adapters/dataverse/odata';
import { StaticTokenProvider } from '../../../src/adapters/dataverse/tokenProvider';

// Alternate keys are asynchronous (Learn, "Work with alternate keys"): the relay's first upserts
// after an import or Connect find the key Pending, and must neither fail nor assume it Active.
const { connection, glCode } = TABLES;
let emulator: DataverseEmulator;
let plain: DataverseHttpClient;

async function start(delayMs: number) {
  emulator = await startDataverseEmulator({ dataDir: null, keyActivationDelayMs: delayMs });
  await emulator.importSolution(miniSolutionZip());
  plain = new DataverseHttpClient({
    url: emulator.url,
    tokenProvider: new StaticTokenProvider(emulator.admin.appToken()),
  });
  return plain.create(connection.entitySet, { stl_name: 'Keys' });
}
afterEach(() => emulator.stop());

const glCodeUrl = (connectionId: string, code: string) =>
  alternateKeySegment(glCode, {
    [lookupProperty(COLUMNS.glCode.connectionId)]: guid(connectionId),
    [COLUMNS.glCode.code]: code,
  });

it('waits for a Pending key to become Active, then upserts by it', async () => {
  const connectionId = await start(400);
  const client = new KeyReadyDataverseClient(plain, { pollMs: 100 });
  await client.batch([{ method: 'PATCH', url: glCodeUrl(connectionId, '200'), body: { stl_name: 'Sales' } }]);
  const rows = await plain.query<{ stl_code: string }>(glCode.entitySet, { select: [COLUMNS.glCode.code] });
  expect(rows.map((r) => r.stl_code)).toEqual(['200']);
});

it('gives the call back as retryable when the key is still Pending after the wait', async () => {
  const connectionId = await start(60_000);
  const client = new KeyReadyDataverseClient(plain, { waitMs: 200, pollMs: 100 });
  const error = await client
    .upsert(glCodeUrl(connectionId, '200'), { stl_name: 'Sales' })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 503, code: 'key-pending', retryable: true });
  expect(String((error as Error).message)).toContain(`${glCode.logicalName} is still Pending`);
});

it('refuses with a message a person can act on when the key Failed on duplicate rows', async () => {
  const connectionId = await start(200);
  const bind = { [`${MINI.connectionNav}@odata.bind`]: `/${connection.entitySet}(${connectionId})` };
  for (const name of ['One', 'Two'])
    await plain.create(glCode.entitySet, { stl_name: name, [COLUMNS.glCode.code]: '400', ...bind });
  const client = new KeyReadyDataverseClient(plain, { pollMs: 100 });
  const error = await client
    .upsert(glCodeUrl(connectionId, '400'), { stl_name: 'Sales' })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 409, code: 'key-failed', retryable: false });
  expect(String((error as Error).message)).toMatch(
    /already exist\. Remove the duplicates, then reactivate the key/,
  );
});
