import fs from 'node:fs';
import path from 'node:path';
import { SYSTEM_TABLES } from '../../../solution/names';
import type { DataverseEmulator } from '../../dataverse';
import { type client, idFrom, SAMPLES, startEmulator } from './helpers';

// $batch: reference/dataverse-webapi.md §1.7, against ../shared/dataverse-samples/batch-changeset-*.http
const { invoice, invoiceDetail, product, account } = SYSTEM_TABLES;
const INVOICE_ID = '00000000-0000-0000-0000-00000000a001';
const PRODUCT_ID = '00000000-0000-0000-0000-00000000b001';
let emulator: DataverseEmulator;
let api: ReturnType<typeof client>;

const sample = (name: string) => fs.readFileSync(path.join(SAMPLES, name), 'utf8');

/** An HTTP message file: start line, headers, body. */
function parseHttpFile(text: string) {
  const split = text.indexOf('\r\n\r\n');
  const [startLine, ...headerLines] = text.slice(0, split).split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { startLine, headers, body: text.slice(split + 4) };
}

/** Boundaries, org URLs, ids and etags vary; JSON bodies are compared apart. */
function skeleton(body: string): string[] {
  return body
    .replace(/batchresponse_[\w-]+/g, 'batchresponse_B')
    .replace(/changesetresponse_[\w-]+/g, 'changesetresponse_C')
    .replace(/https?:\/\/[^/\s]+\/api/g, 'ORG/api')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'GUID')
    .split('\r\n')
    .map((line) => (line.startsWith('{') ? 'JSON' : line));
}

async function postBatch(body: string, headers: Record<string, string>) {
  return api('POST', '$batch', { raw: body, headers });
}

async function resetSampleRecords() {
  await api('DELETE', `${invoice.entitySet}(${INVOICE_ID})`);
  await api('PATCH', `${product.entitySet}(${PRODUCT_ID})`, {
    body: { name: 'Sample product', productnumber: 'B001', price: 10.5 },
  });
  await api('PATCH', `${invoice.entitySet}(${INVOICE_ID})`, {
    body: { name: 'INV-0001', description: 'before' },
  });
  return (await api('GET', `${invoice.entitySet}(${INVOICE_ID})`)).headers.get('etag')!;
}

beforeAll(async () => {
  ({ emulator, api } = await startEmulator());
});
afterAll(() => emulator.stop());

describe('the sample changeset (batch-changeset-request.http)', () => {
  it('answers in the format of batch-changeset-response.http, CRLF throughout', async () => {
    const etag = await resetSampleRecords();
    const request = parseHttpFile(sample('batch-changeset-request.http'));
    const reply = await postBatch(request.body.replace('W/"1234567"', etag), {
      'Content-Type': request.headers['content-type'],
      Prefer: request.headers.prefer,
    });
    const expected = parseHttpFile(sample('batch-changeset-response.http'));
    expect(`HTTP/1.1 ${reply.status} OK`).toBe(expected.startLine);
    expect(reply.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=batchresponse_[\w-]+$/);
    expect(reply.text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(skeleton(reply.text)).toEqual(skeleton(expected.body));
  });

  it('returns the GET part with the recomputed totals, carrying every field of the sample body', async () => {
    const etag = await resetSampleRecords();
    const request = parseHttpFile(sample('batch-changeset-request.http'));
    const reply = await postBatch(request.body.replace('W/"1234567"', etag), {
      'Content-Type': request.headers['content-type'],
    });
    const json = (text: string) => JSON.parse(text.split('\r\n').find((l) => l.startsWith('{'))!);
    const mine = json(reply.text);
    const theirs = json(parseHttpFile(sample('batch-changeset-response.http')).body);
    for (const key of Object.keys(theirs)) expect(mine).toHaveProperty([key]);
    expect({ name: mine.name, totalamount: mine.totalamount }).toEqual({
      name: theirs.name,
      totalamount: theirs.totalamount,
    });
    const strip = (l: Record<string, unknown>) => ({
      quantity: l.quantity,
      extendedamount: l.extendedamount,
    });
    expect(mine.invoice_details.map(strip)).toEqual(theirs.invoice_details.map(strip));
    expect(mine['@odata.context'].replace(emulator.url, 'ORG')).toBe(
      theirs['@odata.context'].replace('https://org.crm.dynamics.com', 'ORG'),
    );
  });

  // Learn, "Execute batch operations using the Web API", Handling errors: without
  // odata.continue-on-error the batch answers 400 and holds the failing request's error; a failed
  // changeset holds it inside the changeset with its Content-ID (dynamics-web-api tests/stubs.ts
  // `batchError`). The hand-made batch-changeset-failure-response.http (200, top level) disagrees.
  it('answers a stale If-Match with 400 and the failing part nested in its changeset', async () => {
    await resetSampleRecords();
    const request = parseHttpFile(sample('batch-changeset-request.http'));
    const reply = await postBatch(request.body, { 'Content-Type': request.headers['content-type'] });
    expect(reply.status).toBe(400);
    expect(skeleton(reply.text)).toEqual([
      '--batchresponse_B',
      'Content-Type: multipart/mixed; boundary=changesetresponse_C',
      '',
      '--changesetresponse_C',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: 1',
      '',
      'HTTP/1.1 412 Precondition Failed',
      'Content-Type: application/json; odata.metadata=minimal',
      'OData-Version: 4.0',
      '',
      'JSON',
      // The skeleton's boundary pattern takes the closing `--` along.
      '--changesetresponse_C',
      '--batchresponse_B',
      '',
    ]);
    const expected = parseHttpFile(sample('batch-changeset-failure-response.http'));
    expect(reply.text).toContain(expected.body.split('\r\n').find((l) => l.startsWith('{')));
  });

  it('answers 200 with the failed changeset nested when continue-on-error was asked for', async () => {
    await resetSampleRecords();
    const request = parseHttpFile(sample('batch-changeset-request.http'));
    const reply = await postBatch(request.body, {
      'Content-Type': request.headers['content-type'],
      Prefer: 'odata.continue-on-error',
    });
    expect(reply.status).toBe(200);
    expect(reply.text.match(/HTTP\/1\.1 \d+/g)).toEqual(['HTTP/1.1 412', 'HTTP/1.1 200']);
    expect(reply.text).toContain('changesetresponse_');
  });
});

describe('changesets (§1.7)', () => {
  const part = (method: string, url: string, body: unknown, contentId?: string, extra = '') =>
    `--cs\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n${contentId ? `Content-ID: ${contentId}\r\n` : ''}\r\n${method} ${url} HTTP/1.1\r\nContent-Type: application/json\r\n${extra}\r\n${body === undefined ? '' : JSON.stringify(body)}\r\n`;
  const changeset = (...parts: string[]) =>
    `--batch\r\nContent-Type: multipart/mixed; boundary=cs\r\n\r\n${parts.join('')}--cs--\r\n--batch--\r\n`;
  const headers = { 'Content-Type': 'multipart/mixed; boundary="batch"' };

  it('rolls the whole changeset back when a later part fails', async () => {
    const name = `Rolled back ${Date.now()}`;
    const reply = await postBatch(
      changeset(
        part('POST', `/api/data/v9.2/${account.entitySet}`, { name }, '1'),
        part('POST', `/api/data/v9.2/${account.entitySet}`, { name: 'x'.repeat(500) }, '2'),
      ),
      headers,
    );
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('HTTP/1.1 400 Bad Request');
    expect(reply.text).toContain('changesetresponse_');
    const found = await api('GET', `${account.entitySet}?$filter=${encodeURIComponent(`name eq '${name}'`)}`);
    expect(found.json().value).toHaveLength(0);
  });

  it('resolves $1 in a later URL and in @odata.bind', async () => {
    const reply = await postBatch(
      changeset(
        part('POST', `/api/data/v9.2/${invoice.entitySet}`, { name: 'Via content id' }, '1'),
        part(
          'POST',
          `/api/data/v9.2/${invoiceDetail.entitySet}`,
          {
            'invoiceid@odata.bind': '$1',
            isproductoverridden: true,
            productdescription: 'Fee',
            quantity: 1,
            priceperunit: 9,
          },
          '2',
        ),
        part('PATCH', '$1', { description: 'patched through $1' }, '3', 'If-Match: *\r\n'),
      ),
      headers,
    );
    expect(reply.status).toBe(200);
    const invoiceId = /invoices\(([0-9a-f-]{36})\)/.exec(reply.text)![1];
    const body = (
      await api('GET', `${invoice.entitySet}(${invoiceId})?$select=description,totalamount`)
    ).json();
    expect(body).toMatchObject({ description: 'patched through $1', totalamount: 9 });
  });

  it('answers 400 for a Content-ID reference that was never declared', async () => {
    const reply = await postBatch(
      changeset(
        part(
          'POST',
          `/api/data/v9.2/${invoiceDetail.entitySet}`,
          { 'invoiceid@odata.bind': '$9', quantity: 1 },
          '1',
        ),
      ),
      headers,
    );
    expect(reply.text).toContain("Content-ID Reference: '$9' does not exist in the batch context.");
  });

  it('refuses a GET inside a changeset', async () => {
    const reply = await postBatch(
      changeset(part('GET', `/api/data/v9.2/${account.entitySet}`, undefined, '1')),
      headers,
    );
    expect(reply.text).toContain('HTTP/1.1 400 Bad Request');
  });
});

describe('batch parsing and limits (§1.7)', () => {
  it('accepts LF line endings, an unquoted boundary, absolute URLs and no blank line after the changeset header', async () => {
    const body = [
      '--dwa_batch_1',
      'Content-Type: multipart/mixed;boundary=dwa_changeset_1',
      '--dwa_changeset_1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: 100001',
      '',
      `POST ${emulator.url}/api/data/v9.2/accounts HTTP/1.1`,
      'Content-Type: application/json',
      '',
      '{"name":"LF client"}',
      '--dwa_changeset_1--',
      '--dwa_batch_1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      `GET ${emulator.url}/api/data/v9.2/${account.entitySet}?$select=name&$filter=name%20eq%20'LF%20client' HTTP/1.1`,
      '',
      '--dwa_batch_1--',
    ].join('\n');
    const reply = await postBatch(body, { 'Content-Type': 'multipart/mixed;boundary=dwa_batch_1' });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('Content-ID: 100001\r\n');
    expect(reply.text).toContain('"name":"LF client"');
  });

  it('stops at the first failed request and answers 400 without continue-on-error', async () => {
    const missing = '00000000-0000-0000-0000-0000000000e1';
    const single = (url: string) =>
      `--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET ${url} HTTP/1.1\r\n\r\n\r\n`;
    const body = `${single(`${account.entitySet}(${missing})`)}${single(`${account.entitySet}?$select=name`)}--b--\r\n`;
    const reply = await postBatch(body, { 'Content-Type': 'multipart/mixed; boundary=b' });
    expect(reply.status).toBe(400);
    expect(reply.text.match(/HTTP\/1\.1 \d+/g)).toEqual(['HTTP/1.1 404']);
  });

  it('goes on past a failure with Prefer: odata.continue-on-error and answers 200', async () => {
    const missing = '00000000-0000-0000-0000-0000000000e2';
    const single = (url: string) =>
      `--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET ${url} HTTP/1.1\r\n\r\n\r\n`;
    const body = `${single(`${account.entitySet}(${missing})`)}${single(`${account.entitySet}?$select=name`)}--b--\r\n`;
    const reply = await postBatch(body, {
      'Content-Type': 'multipart/mixed; boundary=b',
      Prefer: 'odata.continue-on-error',
    });
    expect(reply.status).toBe(200);
    expect(reply.text.match(/HTTP\/1\.1 \d+/g)).toEqual(['HTTP/1.1 404', 'HTTP/1.1 200']);
  });

  it('refuses more than 1000 requests in one batch', async () => {
    const one = `--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET ${account.entitySet}?$top=1 HTTP/1.1\r\n\r\n\r\n`;
    const reply = await postBatch(`${one.repeat(1001)}--b--\r\n`, {
      'Content-Type': 'multipart/mixed; boundary=b',
    });
    expect(reply.status).toBe(400);
    expect(reply.json().error).toMatchObject({
      message: 'The number of requests in a batch exceeded the limit of 1000.',
    });
  });

  it('writes the line a part created through relative URLs', async () => {
    const invoiceId = idFrom(await api('POST', invoice.entitySet, { body: { name: 'Relative' } }));
    const body = `--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nPOST ${invoiceDetail.entitySet} HTTP/1.1\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ 'invoiceid@odata.bind': `${invoice.entitySet}(${invoiceId})`, isproductoverridden: true, productdescription: 'Rel', quantity: 2, priceperunit: 2 })}\r\n--b--\r\n`;
    const reply = await postBatch(body, { 'Content-Type': 'multipart/mixed; boundary=b' });
    expect(reply.text).toContain(`Location: ${emulator.url}/api/data/v9.2/${invoiceDetail.entitySet}(`);
  });
});
