import fs from 'node:fs';
import path from 'node:path';
import { applyChangeset, applyChangesets } from '../../../src/adapters/dataverse/changesetRunner';
import { DataverseHttpClient } from '../../../src/adapters/dataverse/client';
import { DataverseConcurrencyError } from '../../../src/adapters/dataverse/errors';
import { StaticTokenProvider } from '../../../src/adapters/dataverse/tokenProvider';
import { BatchChangeset } from '../../../src/adapters/dataverse/batch';
import type { FakeReply } from '../helpers/fakeDataverseServer';
import { type FakeDataverse, startFakeDataverse } from '../helpers/fakeDataverseServer';

const SAMPLES = path.join(__dirname, '../../../../../shared/dataverse-samples');
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

let fake: FakeDataverse;
beforeEach(async () => {
  fake = await startFakeDataverse();
});
afterEach(() => fake.close());

function client(replies: FakeReply[]) {
  fake.reply(...replies);
  return {
    dataverse: new DataverseHttpClient({
      url: fake.url,
      tokenProvider: new StaticTokenProvider(),
    }),
    calls: fake.calls,
  };
}

describe('applyChangesets', () => {
  it('reports a good changeset and a failed one separately, with continue-on-error', async () => {
    const succeeded = [
      '--batchresponse_r',
      'Content-Type: multipart/mixed; boundary=changesetresponse_cs1',
      '',
      '--changesetresponse_cs1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: 1',
      '',
      'HTTP/1.1 204 No Content',
      '',
      '',
      '--changesetresponse_cs1--',
      '--batchresponse_r--',
      '',
    ].join('\r\n');
    const failed = [
      '--batchresponse_r',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      'HTTP/1.1 412 Precondition Failed',
      'Content-Type: application/json',
      '',
      '{"error":{"code":"0x80060882","message":"The version of the existing record doesn\'t match the RowVersion property provided."}}',
      '--batchresponse_r--',
      '',
    ].join('\r\n');
    const multipart = { 'Content-Type': 'multipart/mixed; boundary=batchresponse_r' };
    const { dataverse, calls } = client([
      { status: 200, headers: multipart, body: succeeded },
      { status: 200, headers: multipart, body: failed },
    ]);
    const outcomes = await applyChangesets(dataverse, [change(1), change(2)]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
    expect(outcomes[1].ok === false && outcomes[1].failure).toBeInstanceOf(DataverseConcurrencyError);
    // One library $batch per changeset (dynamics-web-api joins neighbouring changesets).
    expect(calls.map((c) => c.headers.prefer)).toEqual([
      'odata.continue-on-error',
      'odata.continue-on-error',
    ]);
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
    // The sample answers a changeset of two writes, then a GET outside it.
    expect(parts.map((p) => p.status)).toEqual([204, 204, 200]);
  });
});
