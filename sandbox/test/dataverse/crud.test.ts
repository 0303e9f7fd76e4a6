import { COLUMNS, SYSTEM_TABLES, TABLES } from '../../../solution/names';
import type { DataverseEmulator } from '../../dataverse';
import { type client, idFrom, miniSolutionZip, startEmulator } from './helpers';

// Create / retrieve / update / upsert / delete: reference/dataverse-webapi.md §1.5
const { account } = SYSTEM_TABLES;
let emulator: DataverseEmulator;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  ({ emulator, api } = await startEmulator());
  await emulator.importSolution(miniSolutionZip());
});
afterAll(() => emulator.stop());

const newAccount = async (name = 'Contoso') =>
  idFrom(await api('POST', account.entitySet, { body: { name } }));

describe('create (§1.5)', () => {
  it('answers 204 with an absolute OData-EntityId and no body', async () => {
    const reply = await api('POST', account.entitySet, { body: { name: 'Fabrikam' } });
    expect(reply.status).toBe(204);
    expect(reply.headers.get('odata-entityid')).toMatch(
      new RegExp(`^${emulator.url}/api/data/v9.2/accounts\\([0-9a-f-]{36}\\)$`),
    );
    expect(reply.text).toBe('');
  });

  it('answers 201 with the record and no OData-EntityId under return=representation', async () => {
    const reply = await api('POST', `${account.entitySet}?$select=name`, {
      body: { name: 'Adventure Works' },
      headers: { Prefer: 'return=representation' },
    });
    expect(reply.status).toBe(201);
    expect(reply.headers.get('odata-entityid')).toBeNull();
    const body = reply.json();
    expect(body.name).toBe('Adventure Works');
    expect(body['@odata.etag']).toMatch(/^W\/"\d+"$/);
    expect(body['@odata.context']).toBe(`${emulator.url}/api/data/v9.2/$metadata#accounts(name)/$entity`);
  });

  it('rejects a string longer than the column allows with 0x80044331 naming the column', async () => {
    const reply = await api('POST', account.entitySet, { body: { name: 'x'.repeat(161) } });
    expect(reply.status).toBe(400);
    expect(reply.json().error).toEqual({
      code: '0x80044331',
      message: `A validation error occurred.  The length of the 'name' attribute of the '${account.logicalName}' entity exceeded the maximum allowed length of '160'.`,
    });
  });

  it('rejects a property the table does not have', async () => {
    const reply = await api('POST', account.entitySet, { body: { name: 'A', nosuchcolumn: 1 } });
    expect(reply.status).toBe(400);
    expect((reply.json().error as { message: string }).message).toContain("'nosuchcolumn'");
  });
});

describe('retrieve (§1.3, §1.4)', () => {
  it('returns the selected columns plus the primary key and the etag', async () => {
    const id = await newAccount('Selected');
    const reply = await api('GET', `${account.entitySet}(${id})?$select=name`);
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json()).sort()).toEqual(['@odata.context', '@odata.etag', 'accountid', 'name']);
    expect(reply.headers.get('etag')).toBe(reply.json()['@odata.etag']);
  });

  it('answers 404 0x80040217 "<entity> With Id = <id> Does Not Exist" for a missing record', async () => {
    const id = '00000000-0000-0000-0000-000000000001';
    const reply = await api('GET', `${account.entitySet}(${id})`);
    expect(reply.status).toBe(404);
    expect(reply.json().error).toEqual({
      code: '0x80040217',
      message: `account With Id = ${id} Does Not Exist`,
    });
  });

  it('answers 304 to If-None-Match with the current etag', async () => {
    const id = await newAccount('Cached');
    const first = await api('GET', `${account.entitySet}(${id})?$select=name`);
    const second = await api('GET', `${account.entitySet}(${id})?$select=name`, {
      headers: { 'If-None-Match': first.headers.get('etag')! },
    });
    expect(second.status).toBe(304);
  });
});

describe('update (§1.5)', () => {
  it('updates with If-Match: * and answers 204', async () => {
    const id = await newAccount('Before');
    const reply = await api('PATCH', `${account.entitySet}(${id})`, {
      body: { name: 'After' },
      headers: { 'If-Match': '*' },
    });
    expect(reply.status).toBe(204);
    expect((await api('GET', `${account.entitySet}(${id})?$select=name`)).json().name).toBe('After');
  });

  it('answers 200 with the record under return=representation', async () => {
    const id = await newAccount('Before');
    const reply = await api('PATCH', `${account.entitySet}(${id})?$select=name`, {
      body: { name: 'Represented' },
      headers: { 'If-Match': '*', Prefer: 'return=representation' },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('preference-applied')).toBe('return=representation');
    expect(reply.json().name).toBe('Represented');
  });

  it('answers 412 0x80060882 when If-Match carries a stale etag', async () => {
    const id = await newAccount('Versioned');
    const etag = (await api('GET', `${account.entitySet}(${id})`)).headers.get('etag')!;
    await api('PATCH', `${account.entitySet}(${id})`, {
      body: { name: 'Changed' },
      headers: { 'If-Match': '*' },
    });
    const reply = await api('PATCH', `${account.entitySet}(${id})`, {
      body: { name: 'Lost update' },
      headers: { 'If-Match': etag },
    });
    expect(reply.status).toBe(412);
    expect(reply.json().error).toEqual({
      code: '0x80060882',
      message: "The version of the existing record doesn't match the RowVersion property provided.",
    });
  });

  it('answers 404 for If-Match: * on a missing record instead of creating it', async () => {
    const id = '00000000-0000-0000-0000-000000000002';
    const reply = await api('PATCH', `${account.entitySet}(${id})`, {
      body: { name: 'Nope' },
      headers: { 'If-Match': '*' },
    });
    expect(reply.status).toBe(404);
    expect((await api('GET', `${account.entitySet}(${id})`)).status).toBe(404);
  });

  it('answers 412 "A record with matching key values already exists." for If-None-Match: * on an existing record', async () => {
    const id = await newAccount('Exists');
    const reply = await api('PATCH', `${account.entitySet}(${id})`, {
      body: { name: 'Again' },
      headers: { 'If-None-Match': '*' },
    });
    expect(reply.status).toBe(412);
    expect((reply.json().error as { message: string }).message).toBe(
      'A record with matching key values already exists.',
    );
  });
});

describe('upsert (§1.5)', () => {
  it('creates by id with 201 and updates with 200 under return=representation', async () => {
    const id = 'aaaaaaaa-1111-4111-8111-000000000001';
    const created = await api('PATCH', `${account.entitySet}(${id})`, {
      body: { name: 'Upserted' },
      headers: { Prefer: 'return=representation' },
    });
    const updated = await api('PATCH', `${account.entitySet}(${id})`, {
      body: { name: 'Upserted again' },
      headers: { Prefer: 'return=representation' },
    });
    expect([created.status, updated.status]).toEqual([201, 200]);
    expect(updated.headers.get('etag')).toMatch(/^W\/"\d+"$/);
    expect(updated.json().name).toBe('Upserted again');
  });

  it('creates by alternate key with 201, copying the key values, then updates the same record with 200', async () => {
    const connectionId = idFrom(
      await api('POST', TABLES.connection.entitySet, { body: { stl_name: 'Demo org' } }),
    );
    const key = `${COLUMNS.glCode.code}='200',_${COLUMNS.glCode.connectionId}_value=${connectionId}`;
    const url = `${TABLES.glCode.entitySet}(${key})`;
    const first = await api('PATCH', url, {
      body: { stl_name: 'Sales' },
      headers: { Prefer: 'return=representation' },
    });
    const second = await api('PATCH', url, {
      body: { stl_name: 'Sales (renamed)' },
      headers: { Prefer: 'return=representation' },
    });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.json()[TABLES.glCode.primaryId]).toBe(first.json()[TABLES.glCode.primaryId]);
    expect(first.json()[COLUMNS.glCode.code]).toBe('200');
    expect(first.json()[`_${COLUMNS.glCode.connectionId}_value`]).toBe(connectionId);
  });

  it('answers 204 without Prefer for both the create and the update', async () => {
    const id = 'aaaaaaaa-1111-4111-8111-000000000002';
    const statuses = [
      (await api('PATCH', `${account.entitySet}(${id})`, { body: { name: 'One' } })).status,
      (await api('PATCH', `${account.entitySet}(${id})`, { body: { name: 'Two' } })).status,
    ];
    expect(statuses).toEqual([204, 204]);
  });

  it('rejects key names that match no alternate key of the table', async () => {
    const reply = await api('PATCH', `${TABLES.glCode.entitySet}(stl_name='x')`, { body: { stl_name: 'x' } });
    expect(reply.status).toBe(400);
    expect((reply.json().error as { message: string }).message).toContain('do not match an alternate key');
  });
});

describe('delete (§1.5)', () => {
  it('answers 204 and the record is gone', async () => {
    const id = await newAccount('Doomed');
    expect((await api('DELETE', `${account.entitySet}(${id})`)).status).toBe(204);
    expect((await api('GET', `${account.entitySet}(${id})`)).status).toBe(404);
  });

  it('answers 404 for a record that does not exist', async () => {
    expect((await api('DELETE', `${account.entitySet}(00000000-0000-0000-0000-000000000003)`)).status).toBe(
      404,
    );
  });
});
