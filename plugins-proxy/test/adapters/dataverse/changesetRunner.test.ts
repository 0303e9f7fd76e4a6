import fs from 'node:fs';
import path from 'node:path';
import { applyChangeset, applyChangesets } from '../../../src/adapters/dataverse/changesetRunner';
import { DataverseHttpClient } from '../../../src/adapters/dataverse/client';
import { DataverseConcurrencyError } from '../../../src/adapters/dataverse/errors';
import { StaticTokenProvider } from '../../../src/adapters/dataverse/tokenProvider';
import { BatchChangeset } from '../../../src/adapters/dataverse/batch';
import { fakeFetch, FakeReply } from '../helpers/fakeFetch';

const SAMPLES = path.join(__dirname, '../../../../../shared/dataverse-samples');
const ORG = 'https://org.crm.dynamics.com';
const change = (n: number): BatchChangeset => ({
  changeset: [
    {
      method: 'PATCH',
      url: `invoices(00000000-0000-0000-0000-00000000a00${n})`,
      headers: { 'If-Match': '*' },
      body: { n },
    },
  ],
});

function sampleReply(name: string): FakeReply {
  const text = fs.readFileSync(path.join(SAMPLES, name), 'utf8');
  const blank = text.indexOf('\r\n\r\n');
  const contentType = /^Content-Type:\s*(.+)$/im.exec(text.slice(0, blank))?.[1].trim() ?? '';
  return { status: 200, headers: { 'Content-Type': contentType }, body: text.slice(blank + 4) };
}

function client(replies: FakeReply[]) {
  const fake = fakeFetch(replies);
  return {
    dataverse: new DataverseHttpClient({
      url: ORG,
      tokenProvider: new StaticTokenProvider(),
      fetch: fake.fetch,
    }),
    calls: fake.calls,
  };
}

describe('applyChangesets', () => {
  it('reports a good changeset and a failed one separately, with continue-on-error', async () => {
    const body = [
      '--r',
      'Content-Type: multipart/mixed; boundary=cs1',
      '',
      '--cs1',
      'Content-Type: application/http',
      'Content-ID: 1',
      '',
      'HTTP/1.1 204 No Content',
      '',
      '',
      '--cs1--',
      '--r',
      'Content-Type: application/http',
      '',
      'HTTP/1.1 412 Precondition Failed',
      'Content-Type: application/json',
      '',
      '{"error":{"code":"0x80060882","message":"The version of the existing record doesn\'t match the RowVersion property provided."}}',
      '--r--',
      '',
    ].join('\r\n');
    const { dataverse, calls } = client([
      { status: 200, headers: { 'Content-Type': 'multipart/mixed; boundary=r' }, body },
    ]);
    const outcomes = await applyChangesets(dataverse, [change(1), change(2)]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
    expect(outcomes[1].ok === false && outcomes[1].failure).toBeInstanceOf(DataverseConcurrencyError);
    expect(calls[0].headers.prefer).toBe('odata.continue-on-error');
  });

  it('throws the error of a single failed changeset from the sample failure response', async () => {
    const { dataverse } = client([sampleReply('batch-changeset-failure-response.http')]);
    await expect(applyChangeset(dataverse, change(1))).rejects.toMatchObject({
      status: 412,
      code: '0x80060882',
    });
  });

  it('succeeds with the sample success response', async () => {
    const { dataverse } = client([sampleReply('batch-changeset-response.http')]);
    const parts = await applyChangeset(dataverse, change(1));
    expect(parts.map((p) => p.status)).toEqual([204, 204]);
  });
});
