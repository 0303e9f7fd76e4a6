import { type client, miniSolutionZip, startEmulator } from './helpers';
import type { DataverseEmulator } from '../../dataverse';

// Learn, "ImportSolution Action", "ImportSolutionAsync Action" (response: AsyncOperationId,
// ImportJobKey), "PublishAllXml Action"; the job is an asyncoperation (30 Succeeded, 31 Failed).
let emulator: DataverseEmulator;
let api: ReturnType<typeof client>;
beforeEach(async () => {
  ({ emulator, api } = await startEmulator());
});
afterEach(() => emulator.stop());

const file = (version: string) => Buffer.from(miniSolutionZip(version)).toString('base64');
const body = (customizationFile: string) => ({
  body: {
    OverwriteUnmanagedCustomizations: false,
    PublishWorkflows: true,
    CustomizationFile: customizationFile,
  },
});

async function job(id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 50; i++) {
    const row = (await api('GET', `asyncoperations(${id})?$select=statuscode,message`)).json();
    if (row.statuscode === 30 || row.statuscode === 31) return row;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the import job never ended');
}

it('imports a solution with ImportSolution and publishes with PublishAllXml', async () => {
  expect((await api('POST', 'ImportSolution', body(file('1.0.0.0')))).status).toBe(204);
  expect((await api('POST', 'PublishAllXml', { body: {} })).status).toBe(204);
  const solutions = (
    await api('GET', "solutions?$select=version&$filter=uniquename eq 'StellariseTestMini'")
  ).json();
  expect(solutions.value).toEqual([expect.objectContaining({ version: '1.0.0.0' })]);
});

it('answers ImportSolutionAsync with the job, which succeeds', async () => {
  const reply = await api('POST', 'ImportSolutionAsync', body(file('1.0.0.0')));
  expect(reply.status).toBe(200);
  const { AsyncOperationId, ImportJobKey } = reply.json() as {
    AsyncOperationId: string;
    ImportJobKey: string;
  };
  expect(ImportJobKey).toMatch(/^[0-9a-f-]{36}$/);
  expect(await job(AsyncOperationId)).toMatchObject({ statuscode: 30 });
});

it('fails the job with the import message for an older managed version', async () => {
  await emulator.importSolution(miniSolutionZip('2.0.0.0'));
  const reply = await api('POST', 'ImportSolutionAsync', body(file('1.0.0.0')));
  const done = await job((reply.json() as { AsyncOperationId: string }).AsyncOperationId);
  expect(done).toMatchObject({
    statuscode: 31,
    message: expect.stringContaining('older than the installed version 2.0.0.0'),
  });
});

it('refuses a call without the required parameters or with a file that is not a solution', async () => {
  const missing = await api('POST', 'ImportSolution', { body: { CustomizationFile: file('1.0.0.0') } });
  expect(missing.status).toBe(400);
  expect(JSON.stringify(missing.json())).toContain('OverwriteUnmanagedCustomizations');
  const notAZip = await api('POST', 'ImportSolution', body(Buffer.from('hello').toString('base64')));
  expect(notAZip.status).toBe(400);
  expect(JSON.stringify(notAZip.json())).toContain('not a valid solution zip');
});
