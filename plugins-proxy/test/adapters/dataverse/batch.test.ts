import fs from 'node:fs';
import path from 'node:path';
import {
  BatchItem,
  buildBatch,
  parseBatchRequest,
  parseBatchResponse,
  partJson,
} from '../../../src/adapters/dataverse/batch';

const SAMPLES = path.join(__dirname, '../../../../../shared/dataverse-samples');

/** Split a saved HTTP message into its Content-Type header and its body. */
function readMessage(name: string): { contentType: string; body: string } {
  const text = fs.readFileSync(path.join(SAMPLES, name), 'utf8');
  const blank = text.indexOf('\r\n\r\n');
  const head = text.slice(0, blank);
  const contentType = /^Content-Type:\s*(.+)$/im.exec(head)?.[1].trim() ?? '';
  return { contentType, body: text.slice(blank + 4) };
}

const INVOICE = '00000000-0000-0000-0000-00000000a001';
const sampleItems: BatchItem[] = [
  {
    changeset: [
      {
        method: 'PATCH',
        url: `invoices(${INVOICE})`,
        headers: { 'Content-Type': 'application/json', 'If-Match': 'W/"1234567"' },
        body: { description: 'synced to ERP 2026-12-01' },
      },
      {
        method: 'POST',
        url: 'invoicedetails',
        headers: { 'Content-Type': 'application/json; type=entry' },
        body: {
          'invoiceid@odata.bind': `/invoices(${INVOICE})`,
          'productid@odata.bind': '/products(00000000-0000-0000-0000-00000000b001)',
          quantity: 2,
          priceperunit: 10.5,
          ispriceoverridden: true,
        },
      },
    ],
  },
  {
    method: 'GET',
    url: `invoices(${INVOICE})?$select=name,totalamount&$expand=invoice_details($select=quantity,extendedamount)`,
    headers: { Accept: 'application/json' },
  },
];

describe('buildBatch', () => {
  it('produces the documented CRLF wire format byte for byte', () => {
    const sample = readMessage('batch-changeset-request.http');
    const built = buildBatch(sampleItems, {
      apiPath: '/api/data/v9.2/',
      batchBoundary: 'batch_7f3c',
      changesetBoundary: () => 'changeset_91ab',
    });
    expect(built.contentType).toBe(sample.contentType);
    expect(built.body).toBe(sample.body);
  });

  it('numbers changeset parts with Content-IDs and leaves $n references alone', () => {
    const built = buildBatch(
      [
        {
          changeset: [
            { method: 'POST', url: 'accounts', body: {} },
            { method: 'PATCH', url: '$1', body: { name: 'x' } },
          ],
        },
      ],
      { apiPath: '/api/data/v9.2/' },
    );
    const parts = parseBatchRequest(built.body, built.contentType);
    expect(parts.map((p) => [p.method, p.url, p.contentId])).toEqual([
      ['POST', '/api/data/v9.2/accounts', '1'],
      ['PATCH', '$1', '2'],
    ]);
    expect(built.body).not.toMatch(/[^\r]\n/);
  });

  it('round-trips requests through parseBatchRequest with bodies and headers intact', () => {
    const built = buildBatch(sampleItems, { apiPath: '/api/data/v9.2/' });
    const parts = parseBatchRequest(built.body, built.contentType);
    expect(parts).toHaveLength(3);
    expect(parts[0].headers['if-match']).toBe('W/"1234567"');
    expect(JSON.parse(parts[1].body).priceperunit).toBe(10.5);
    expect(parts[0].changeset).toBe(parts[1].changeset);
    expect(parts[2]).toMatchObject({ method: 'GET', body: '', changeset: undefined });
  });
});

describe('parseBatchResponse', () => {
  it('reads the changeset and GET results of the sample response', () => {
    const sample = readMessage('batch-changeset-response.http');
    const parts = parseBatchResponse(sample.body, sample.contentType);
    expect(parts.map((p) => [p.status, p.contentId])).toEqual([
      [204, '1'],
      [204, '2'],
      [200, undefined],
    ]);
    expect(parts[1].headers['odata-entityid']).toMatch(
      /invoicedetails\(00000000-0000-0000-0000-00000000c001\)$/,
    );
    expect(partJson<{ name: string }>(parts[2])?.name).toBe('INV-0001');
  });

  it('reads a failed changeset as one part with the error body', () => {
    const sample = readMessage('batch-changeset-failure-response.http');
    const [part, ...rest] = parseBatchResponse(sample.body, sample.contentType);
    expect(rest).toHaveLength(0);
    expect(part.status).toBe(412);
    expect(partJson<{ error: { code: string } }>(part)?.error.code).toBe('0x80060882');
  });

  it('accepts LF line endings, an unquoted boundary and a changeset without its blank line', () => {
    const body = [
      '--batchresponse_1',
      'Content-Type: multipart/mixed; boundary=changesetresponse_2',
      '--changesetresponse_2',
      'Content-Type: application/http',
      'Content-ID: 7',
      '',
      'HTTP/1.1 204 No Content',
      'OData-EntityId: https://org/api/data/v9.2/accounts(00000000-0000-0000-0000-000000000001)',
      '',
      '',
      '--changesetresponse_2--',
      '--batchresponse_1',
      'Content-Type: application/http',
      '',
      'HTTP/1.1 200 OK',
      'Content-Type: application/json',
      '',
      '{"value":[]}',
      '--batchresponse_1--',
      '',
    ].join('\n');
    const parts = parseBatchResponse(body, 'multipart/mixed;boundary=batchresponse_1');
    expect(parts.map((p) => [p.status, p.contentId])).toEqual([
      [204, '7'],
      [200, undefined],
    ]);
    expect(partJson(parts[1])).toEqual({ value: [] });
  });
});
