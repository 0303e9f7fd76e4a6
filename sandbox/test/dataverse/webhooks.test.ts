import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { COLUMNS, COMPONENTS, TABLES } from '../../../solution/names';
import type { DataverseEmulator } from '../../dataverse';
import { type client, idFrom, MINI, miniSolutionZip, startEmulator } from './helpers';

// Webhooks: reference/dataverse-solution.md §5.1–§5.3 (payload §5.2, auth and retries §5.3)
interface Captured {
  headers: http.IncomingHttpHeaders;
  url: string;
  body: string;
}
let emulator: DataverseEmulator;
let api: ReturnType<typeof client>;
let capture: http.Server;
let captureUrl: string;
let received: Captured[] = [];
let answers: number[] = [];

beforeAll(async () => {
  capture = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, url: req.url ?? '', body });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  captureUrl = `http://127.0.0.1:${(capture.address() as AddressInfo).port}/webhook`;
  ({ emulator, api } = await startEmulator({ log: process.env.DEBUG_EMULATOR ? console.log : undefined }));
  await emulator.importSolution(miniSolutionZip());
  // What the configure script does after import: point the endpoint at the relay and set its secret.
  await api('PATCH', `serviceendpoints(${MINI.endpointId})`, {
    body: {
      url: captureUrl,
      authvalue: `<settings><setting name="${COMPONENTS.webhookAuthHeader}" value="hush" /></settings>`,
    },
    headers: { 'If-Match': '*' },
  });
});
afterAll(async () => {
  await emulator.stop();
  await new Promise((resolve) => capture.close(resolve));
});
beforeEach(() => {
  received = [];
  answers = [];
});

async function createHistory(name: string) {
  const id = idFrom(
    await api('POST', TABLES.syncHistory.entitySet, {
      body: { [COLUMNS.syncHistory.name]: name, [COLUMNS.syncHistory.attempts]: 1 },
    }),
  );
  await emulator.admin.webhooksSettled();
  return id;
}

it('never returns authvalue when the service endpoint is read', async () => {
  const body = (await api('GET', `serviceendpoints(${MINI.endpointId})`)).json();
  expect(body.url).toBe(captureUrl);
  expect(body).not.toHaveProperty('authvalue');
});

it('POSTs the RemoteExecutionContext after a Create, with the x-ms-dynamics headers and the HttpHeader secret', async () => {
  const id = await createHistory('first');
  expect(received).toHaveLength(1);
  const [call] = received;
  expect(call.headers).toMatchObject({
    'x-ms-dynamics-entity-name': TABLES.syncHistory.logicalName,
    'x-ms-dynamics-request-name': 'Create',
    [COMPONENTS.webhookAuthHeader]: 'hush',
    'x-ms-dynamics-organization': new URL(emulator.url).host,
  });
  expect(call.headers['x-ms-correlation-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  const context = JSON.parse(call.body);
  expect(context).toMatchObject({
    MessageName: 'Create',
    Stage: 40,
    Mode: 1,
    PrimaryEntityName: TABLES.syncHistory.logicalName,
    PrimaryEntityId: id,
    OwningExtension: { Id: MINI.stepId, LogicalName: 'sdkmessageprocessingstep' },
  });
  const target = context.InputParameters.find((p: { key: string }) => p.key === 'Target').value;
  expect(target.__type).toBe('Entity:http://schemas.microsoft.com/xrm/2011/Contracts');
  const attr = (key: string) => target.Attributes.find((a: { key: string }) => a.key === key)?.value;
  expect(attr(COLUMNS.syncHistory.name)).toBe('first');
  expect(attr('statecode')).toEqual({
    __type: 'OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts',
    Value: 0,
  });
  expect(attr('ownerid')).toMatchObject({
    __type: 'EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts',
    LogicalName: 'systemuser',
  });
  expect(attr('createdon')).toMatch(/^\/Date\(\d+\)\/$/);
});

it('writes the payload as WCF does, with every slash escaped', async () => {
  await createHistory('escaped');
  expect(received[0].body).toContain('"Entity:http:\\/\\/schemas.microsoft.com\\/xrm\\/2011\\/Contracts"');
  expect(received[0].body).toMatch(/"\\\/Date\(\d+\)\\\/"/);
});

it('does not fire for a table without a step', async () => {
  await api('POST', TABLES.connection.entitySet, { body: { stl_name: 'no hook' } });
  await emulator.admin.webhooksSettled();
  expect(received).toHaveLength(0);
});

it('retries once on 503 and succeeds on the second attempt', async () => {
  answers = [503, 200];
  await createHistory('retried');
  expect(received).toHaveLength(2);
  expect(emulator.admin.webhookDeliveries().at(-1)).toMatchObject({ attempts: 2, ok: true, status: 200 });
});

it('records a failed system job (asyncoperation statuscode 31) after 503 twice', async () => {
  answers = [503, 503];
  const id = await createHistory('failing');
  expect(received).toHaveLength(2);
  const jobs = (
    await api(
      'GET',
      `asyncoperations?$filter=_owningextensionid_value eq ${MINI.stepId} and regardingobjectid eq ${id}`,
    )
  ).json().value!;
  expect(jobs).toHaveLength(1);
  expect(jobs[0]).toMatchObject({
    statecode: 3,
    statuscode: 31,
    primaryentitytype: TABLES.syncHistory.logicalName,
  });
  expect(String(jobs[0].message)).toContain('HTTP 503');
});

it('does not retry a 500', async () => {
  answers = [500];
  await createHistory('no retry');
  expect(received).toHaveLength(1);
});

it('fires a step registered through the Web API, as a configure script does on a live org', async () => {
  const endpointId = idFrom(
    await api('POST', 'serviceendpoints', {
      body: {
        name: 'api-made',
        contract: 8,
        authtype: 5,
        messageformat: 2,
        url: `${captureUrl}?via=api`,
        authvalue: 'X-Api-Made: yes',
      },
    }),
  );
  const messages = (await api('GET', "sdkmessages?$filter=name eq 'Create'")).json().value!;
  const filters = (
    await api(
      'GET',
      `sdkmessagefilters?$filter=primaryobjecttypecode eq '${TABLES.connection.logicalName}' and _sdkmessageid_value eq ${messages[0].sdkmessageid}`,
    )
  ).json().value!;
  const step = await api('POST', 'sdkmessageprocessingsteps', {
    body: {
      name: 'connection create',
      stage: 40,
      mode: 1,
      rank: 1,
      'sdkmessageid@odata.bind': `/sdkmessages(${messages[0].sdkmessageid})`,
      'sdkmessagefilterid@odata.bind': `/sdkmessagefilters(${filters[0].sdkmessagefilterid})`,
      'eventhandler_serviceendpoint@odata.bind': `/serviceendpoints(${endpointId})`,
    },
  });
  expect(step.status).toBe(204);
  await api('POST', TABLES.connection.entitySet, { body: { stl_name: 'hooked' } });
  await emulator.admin.webhooksSettled();
  expect(received).toHaveLength(1);
  expect(received[0].url).toBe('/webhook?via=api');
  expect(received[0].headers['x-api-made']).toBe('yes');
});

it('fires an Update step only when one of its filtering attributes changed', async () => {
  const endpointId = idFrom(
    await api('POST', 'serviceendpoints', {
      body: { name: 'on update', contract: 8, authtype: 5, url: `${captureUrl}?on=update` },
    }),
  );
  const update = (await api('GET', "sdkmessages?$filter=name eq 'Update'")).json().value![0];
  const filter = (
    await api(
      'GET',
      `sdkmessagefilters?$filter=primaryobjecttypecode eq '${TABLES.connection.logicalName}' and _sdkmessageid_value eq ${update.sdkmessageid}`,
    )
  ).json().value![0];
  await api('POST', 'sdkmessageprocessingsteps', {
    body: {
      name: 'connection name changed',
      stage: 40,
      mode: 1,
      filteringattributes: COLUMNS.connection.name,
      'sdkmessageid@odata.bind': `/sdkmessages(${update.sdkmessageid})`,
      'sdkmessagefilterid@odata.bind': `/sdkmessagefilters(${filter.sdkmessagefilterid})`,
      'eventhandler_serviceendpoint@odata.bind': `/serviceendpoints(${endpointId})`,
    },
  });
  const id = idFrom(
    await api('POST', TABLES.connection.entitySet, { body: { [COLUMNS.connection.name]: 'quiet' } }),
  );
  await emulator.admin.webhooksSettled();
  received = [];
  await api('PATCH', `${TABLES.connection.entitySet}(${id})`, {
    body: { statecode: 1 },
    headers: { 'If-Match': '*' },
  });
  await api('PATCH', `${TABLES.connection.entitySet}(${id})`, {
    body: { [COLUMNS.connection.name]: 'renamed' },
    headers: { 'If-Match': '*' },
  });
  await emulator.admin.webhooksSettled();
  const updates = received.filter((r) => r.url === '/webhook?on=update');
  expect(updates).toHaveLength(1);
  expect(JSON.parse(updates[0].body).MessageName).toBe('Update');
});

it('never calls a URL off this machine: the imported placeholder URL fails as a system job at once', async () => {
  const { emulator: fresh, api: freshApi } = await startEmulator();
  try {
    await fresh.importSolution(miniSolutionZip());
    const id = idFrom(
      await freshApi('POST', TABLES.syncHistory.entitySet, {
        body: { [COLUMNS.syncHistory.name]: 'offline' },
      }),
    );
    await fresh.admin.webhooksSettled();
    expect(fresh.admin.webhookDeliveries()).toEqual([
      expect.objectContaining({ recordId: id, attempts: 0, ok: false }),
    ]);
    const jobs = (await freshApi('GET', `asyncoperations?$filter=regardingobjectid eq ${id}`)).json().value!;
    expect(String(jobs[0].message)).toContain('relay.invalid');
  } finally {
    await fresh.stop();
  }
});

it('drops InputParameters and sets x-ms-dynamics-msg-size-exceeded for a payload over 256 KB (§5.1)', async () => {
  await emulator.importSolution(miniSolutionZip('1.1.0.0', true, COLUMNS.syncHistory.details));
  // An upgrade brings the solution's URL back, as an import does; point it at the capture again.
  await api('PATCH', `serviceendpoints(${MINI.endpointId})`, {
    body: { url: captureUrl },
    headers: { 'If-Match': '*' },
  });
  const body = { [COLUMNS.syncHistory.name]: 'huge', [COLUMNS.syncHistory.details]: 'y'.repeat(300 * 1024) };
  const id = idFrom(await api('POST', TABLES.syncHistory.entitySet, { body }));
  await emulator.admin.webhooksSettled();
  expect(received[0].headers['x-ms-dynamics-msg-size-exceeded']).toBe('true');
  expect(JSON.parse(received[0].body)).toMatchObject({
    InputParameters: [],
    ParentContext: null,
    PrimaryEntityId: id,
  });
});
