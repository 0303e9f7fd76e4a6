import { DataverseHttpClient } from '../../../src/adapters/dataverse/client';
import { DataverseConcurrencyError, DataverseError } from '../../../src/adapters/dataverse/errors';
import { StaticTokenProvider } from '../../../src/adapters/dataverse/tokenProvider';
import {
  type FakeDataverse,
  type FakeReply,
  type ScriptedReply,
  startFakeDataverse,
} from '../helpers/fakeDataverseServer';

const ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
let fake: FakeDataverse;
let API = '';

beforeEach(async () => {
  fake = await startFakeDataverse();
  API = fake.api;
});
afterEach(() => fake.close());

function client(replies: ScriptedReply[], maxRetries = 3) {
  fake.reply(...replies);
  const waits: number[] = [];
  const dataverse = new DataverseHttpClient({
    url: fake.url,
    tokenProvider: new StaticTokenProvider('tok'),
    maxRetries,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { dataverse, calls: fake.calls, waits };
}

const throttled: FakeReply = {
  status: 429,
  headers: { 'Retry-After': '2' },
  body: {
    error: {
      code: '0x80072322',
      message: 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.',
    },
  },
};

describe('DataverseHttpClient', () => {
  it('sends the OData headers and the bearer token', async () => {
    const { dataverse, calls } = client([{ status: 200, body: { name: 'A' } }]);
    await dataverse.get(`accounts(${ID})`, { select: ['name'] });
    expect(calls[0].url).toBe(`${API}accounts(${ID})?$select=name`);
    expect(calls[0].headers).toMatchObject({
      authorization: 'Bearer tok',
      'odata-version': '4.0',
      'odata-maxversion': '4.0',
      accept: 'application/json',
    });
  });

  it('returns null for a record that does not exist', async () => {
    const { dataverse } = client([
      { status: 404, body: { error: { code: '0x80040217', message: 'account With Id = x Does Not Exist' } } },
    ]);
    await expect(dataverse.get(`accounts(${ID})`)).resolves.toBeNull();
  });

  it('follows @odata.nextLink to the last page with the same maxpagesize preference', async () => {
    const { dataverse, calls } = client([
      {
        status: 200,
        body: { value: [{ n: 1 }, { n: 2 }], '@odata.nextLink': `${API}accounts?$skiptoken=p2` },
      },
      { status: 200, body: { value: [{ n: 3 }], '@odata.nextLink': `${API}accounts?$skiptoken=p3` } },
      { status: 200, body: { value: [{ n: 4 }] } },
    ]);
    const rows = await dataverse.query<{ n: number }>('accounts', { select: ['name'] }, { maxPageSize: 2 });
    expect(rows.map((r) => r.n)).toEqual([1, 2, 3, 4]);
    expect(calls.map((c) => c.url)).toEqual([
      `${API}accounts?$select=name`,
      `${API}accounts?$skiptoken=p2`,
      `${API}accounts?$skiptoken=p3`,
    ]);
    expect(calls.every((c) => c.headers.prefer === 'odata.maxpagesize=2')).toBe(true);
  });

  it('waits for Retry-After after a 429 and then succeeds', async () => {
    const { dataverse, calls, waits } = client([throttled, { status: 200, body: { value: [] } }]);
    await expect(dataverse.query('accounts')).resolves.toEqual([]);
    expect(waits).toEqual([2000]);
    expect(calls).toHaveLength(2);
  });

  it('gives up after the bounded number of retries with the throttling error', async () => {
    const { dataverse, calls } = client([throttled, throttled, throttled], 2);
    const error = await dataverse.query('accounts').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataverseError);
    expect(error).toMatchObject({ status: 429, code: '0x80072322', retryAfterMs: 2000, retryable: true });
    expect(calls).toHaveLength(3);
  });

  it('retries a 503 on an update', async () => {
    const { dataverse, calls } = client([
      { status: 503, headers: { 'Retry-After': '1' }, body: '' },
      { status: 204 },
    ]);
    await dataverse.update(`invoices(${ID})`, { name: 'x' });
    expect(calls).toHaveLength(2);
    expect(calls[1].headers['if-match']).toBe('*');
  });

  it('raises a typed concurrency error for a 412', async () => {
    const { dataverse } = client([
      {
        status: 412,
        body: {
          error: {
            code: '0x80060882',
            message: "The version of the existing record doesn't match the RowVersion property provided.",
          },
        },
      },
    ]);
    const error = await dataverse
      .update(`invoices(${ID})`, { name: 'x' }, { ifMatch: 'W/"1"' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataverseConcurrencyError);
    expect(error).toMatchObject({ status: 412, code: '0x80060882' });
  });

  it('returns the id of a created row from OData-EntityId', async () => {
    const { dataverse, calls } = client([
      { status: 204, headers: { 'OData-EntityId': `${API}stl_synchistories(${ID})` } },
    ]);
    await expect(dataverse.create('stl_synchistories', { stl_name: 'x' })).resolves.toBe(ID);
    expect(JSON.parse(calls[0].body ?? '')).toEqual({ stl_name: 'x' });
  });

  it('upserts by alternate key without If-Match', async () => {
    const { dataverse, calls } = client([
      { status: 204, headers: { 'OData-EntityId': `${API}stl_xerolinks(${ID})` } },
    ]);
    await expect(dataverse.upsert("stl_xerolinks(stl_entity='account')", { stl_xeroid: 'c' })).resolves.toBe(
      ID,
    );
    expect(calls[0].method).toBe('PATCH');
    expect(calls[0].headers['if-match']).toBeUndefined();
  });

  it('sends a $batch and returns its parts', async () => {
    const response = [
      '--batchresponse_b1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      'HTTP/1.1 200 OK',
      'Content-Type: application/json; odata.metadata=minimal',
      '',
      '{"value":[]}',
      '--batchresponse_b1--',
      '',
    ].join('\r\n');
    const { dataverse, calls } = client([
      {
        status: 200,
        headers: { 'Content-Type': 'multipart/mixed; boundary=batchresponse_b1' },
        body: response,
      },
    ]);
    const parts = await dataverse.batch([{ method: 'GET', url: 'accounts' }]);
    expect(parts).toEqual([expect.objectContaining({ status: 200, body: '{"value":[]}' })]);
    expect(calls[0].url).toBe(`${API}$batch`);
    expect(calls[0].headers['content-type']).toMatch(/^multipart\/mixed; ?boundary=/);
    expect(calls[0].body).toContain(`GET ${API}accounts HTTP/1.1`);
  });

  it('reports an unreachable server as a retryable network error', async () => {
    const url = fake.url;
    await fake.close();
    const dataverse = new DataverseHttpClient({
      url,
      tokenProvider: new StaticTokenProvider(),
      maxRetries: 0,
    });
    await expect(dataverse.get(`accounts(${ID})`)).rejects.toMatchObject({ status: 0, retryable: true });
  });
});

describe('DataverseHttpClient timeouts', () => {
  it('gives up on a request that never answers and reports it as a network error', async () => {
    fake.reply('hang');
    const dataverse = new DataverseHttpClient({
      url: fake.url,
      tokenProvider: new StaticTokenProvider(),
      maxRetries: 0,
      timeoutMs: 50,
    });
    await expect(dataverse.query('accounts')).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});
