import { COLUMNS, TABLES } from '../../../solution/names';
import { type client, MINI, miniSolutionZip, startEmulator } from './helpers';
import type { DataverseEmulator } from '../../dataverse';

// Alternate keys are asynchronous (Learn, "Work with alternate keys", Monitor index creation for
// alternate keys): EntityKeyIndexStatus Pending → Active, or Failed when rows hold duplicates.
// What Dataverse answers to a request that names a key that is not Active is not documented; the
// emulator refuses it with 400 (the stricter choice), so a client that does not wait finds out.
const { connection, glCode } = TABLES;
const DELAY_MS = 300;
let emulator: DataverseEmulator;
let api: ReturnType<typeof client>;

async function keyStatus(): Promise<string> {
  const reply = await api(
    'GET',
    `EntityDefinitions(LogicalName='${glCode.logicalName}')/Keys?$select=EntityKeyIndexStatus`,
  );
  return String(reply.json().value![0].EntityKeyIndexStatus);
}

const keyUrl = (connectionId: string, code: string) =>
  `${glCode.entitySet}(_${COLUMNS.glCode.connectionId}_value=${connectionId},${COLUMNS.glCode.code}='${code}')`;

async function newConnection(): Promise<string> {
  const reply = await api('POST', connection.entitySet, { body: { stl_name: 'Keys' } });
  return /\(([0-9a-f-]{36})\)$/.exec(reply.headers.get('odata-entityid')!)![1];
}

beforeEach(async () => {
  ({ emulator, api } = await startEmulator({ keyActivationDelayMs: DELAY_MS }));
});
afterEach(() => emulator.stop());

it('reports a newly imported key as Pending, and refuses an upsert by it until it is Active', async () => {
  await emulator.importSolution(miniSolutionZip());
  expect(await keyStatus()).toBe('Pending');
  const connectionId = await newConnection();
  const early = await api('PATCH', keyUrl(connectionId, '200'), { body: { stl_name: 'Sales' } });
  expect(early.status).toBe(400);
  expect(early.json().error).toMatchObject({ message: expect.stringContaining('Pending') });
  await new Promise((resolve) => setTimeout(resolve, DELAY_MS + 50));
  expect(await keyStatus()).toBe('Active');
  const late = await api('PATCH', keyUrl(connectionId, '200'), { body: { stl_name: 'Sales' } });
  expect(late.status).toBe(204);
});

it('fails the key when rows already hold the same key values', async () => {
  await emulator.importSolution(miniSolutionZip());
  const connectionId = await newConnection();
  const bind = { [`${MINI.connectionNav}@odata.bind`]: `/${connection.entitySet}(${connectionId})` };
  for (const name of ['One', 'Two'])
    await api('POST', glCode.entitySet, { body: { stl_name: name, [COLUMNS.glCode.code]: '400', ...bind } });
  await new Promise((resolve) => setTimeout(resolve, DELAY_MS + 50));
  expect(await keyStatus()).toBe('Failed');
  const refused = await api('GET', keyUrl(connectionId, '400'));
  expect(refused.status).toBe(400);
  expect((refused.json().error as { message: string }).message).toContain('Failed');
});

it('keeps an Active key Active when the same solution is imported again', async () => {
  await emulator.importSolution(miniSolutionZip('1.0.0.0'));
  await new Promise((resolve) => setTimeout(resolve, DELAY_MS + 50));
  expect(await keyStatus()).toBe('Active');
  await emulator.importSolution(miniSolutionZip('1.0.0.1'));
  expect(await keyStatus()).toBe('Active');
});
