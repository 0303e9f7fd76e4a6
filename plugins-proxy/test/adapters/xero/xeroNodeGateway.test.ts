import { XeroCallEvent } from '../../../src/adapters/xero/gateway';
import { XeroRateLimiter } from '../../../src/adapters/xero/limiter';
import { XeroNodeGateway } from '../../../src/adapters/xero/xeroNodeGateway';
import { XeroError } from '../../../src/adapters/xero/errors';
import { CaptureServer, startCaptureServer } from '../helpers/captureServer';

const TENANT = '00000000-0000-0000-0000-0000000000t1';
const CONNECTION = 'conn-1';
let server: CaptureServer;
let events: XeroCallEvent[];

function gateway(options: { timeoutMs?: number } = {}) {
  events = [];
  return new XeroNodeGateway({
    getAccessToken: async () => ({ accessToken: 'access-abc', tenantId: TENANT }),
    limiter: new XeroRateLimiter(),
    basePath: `${server.url}/api.xro/2.0`,
    onCall: (e) => events.push(e),
    ...options,
  });
}

const invoice = {
  type: 'ACCREC',
  contact: { contactID: 'c1' },
  lineItems: [{ description: 'Widget', quantity: 2, unitAmount: 10.5 }],
};

beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.queue.length = 0;
});

describe('XeroNodeGateway', () => {
  it('sends invoices to the overridden base path with summarizeErrors=false, unitdp=4 and the Idempotency-Key', async () => {
    server.queue.push({
      status: 200,
      body: { Invoices: [{ InvoiceID: 'i1', InvoiceNumber: 'INV-1', Status: 'AUTHORISED' }] },
    });
    const result = await gateway().createInvoices(CONNECTION, [invoice as never], {
      idempotencyKey: 'sync:row-1',
    });
    const [request] = server.requests;
    expect(request.method).toBe('PUT');
    expect(request.path).toBe('/api.xro/2.0/Invoices');
    expect(request.query.get('summarizeErrors')).toBe('false');
    expect(request.query.get('unitdp')).toBe('4');
    expect(request.headers['idempotency-key']).toBe('sync:row-1');
    expect(request.headers['xero-tenant-id']).toBe(TENANT);
    expect(request.headers.authorization).toBe('Bearer access-abc');
    expect(JSON.parse(request.body).Invoices[0].LineItems[0].UnitAmount).toBe(10.5);
    expect(result.body.invoices?.[0].invoiceID).toBe('i1');
  });

  it.each([
    ['createCreditNotes', 'PUT', '/api.xro/2.0/CreditNotes', { summarizeErrors: 'false', unitdp: '4' }],
    ['createContacts', 'PUT', '/api.xro/2.0/Contacts', { summarizeErrors: 'false' }],
    ['createItems', 'PUT', '/api.xro/2.0/Items', { summarizeErrors: 'false', unitdp: '4' }],
  ] as const)(
    '%s sends %s %s with the batch query and the Idempotency-Key',
    async (operation, method, path, query) => {
      server.queue.push({ status: 200, body: {} });
      const xero = gateway() as unknown as Record<
        string,
        (c: string, b: unknown[], w: { idempotencyKey: string }) => Promise<unknown>
      >;
      await xero[operation](CONNECTION, [{}], { idempotencyKey: `key-${operation}` });
      const [request] = server.requests;
      expect([request.method, request.path]).toEqual([method, path]);
      expect(Object.fromEntries(request.query)).toEqual(query);
      expect(request.headers['idempotency-key']).toBe(`key-${operation}`);
    },
  );

  it('updates one invoice by id with unitdp=4', async () => {
    server.queue.push({ status: 200, body: { Invoices: [{ InvoiceID: 'i1' }] } });
    await gateway().updateInvoice(CONNECTION, 'i1', { reference: 'R' } as never, { idempotencyKey: 'u1' });
    expect([
      server.requests[0].method,
      server.requests[0].path,
      server.requests[0].query.get('unitdp'),
    ]).toEqual(['POST', '/api.xro/2.0/Invoices/i1', '4']);
    expect(JSON.parse(server.requests[0].body)).toEqual({ Invoices: [{ Reference: 'R' }] });
  });

  it('returns the response headers with the body', async () => {
    server.queue.push({
      status: 200,
      body: { Invoices: [] },
      headers: { 'X-MinLimit-Remaining': '42', 'X-DayLimit-Remaining': '4900' },
    });
    const result = await gateway().getInvoices(CONNECTION, { invoiceNumbers: ['INV-1'], page: 1 });
    expect(result.headers['x-minlimit-remaining']).toBe('42');
    expect(result.headers['x-daylimit-remaining']).toBe('4900');
  });

  it('sends GET requests without the empty body xero-node adds', async () => {
    server.queue.push({ status: 200, body: { Contacts: [] } });
    await gateway().getContacts(CONNECTION, { contactNumber: 'D365-"42"' });
    const [request] = server.requests;
    expect(request.body).toBe('');
    expect(request.headers['content-length']).toBeUndefined();
    expect(request.query.get('where')).toBe('ContactNumber=="D365-\\"42\\""');
    expect(request.headers['x-stellarise-timeout-ms']).toBeUndefined();
  });

  it('passes the invoice query parameters through', async () => {
    server.queue.push({ status: 200, body: { Invoices: [] } });
    await gateway().getInvoices(CONNECTION, {
      ids: ['a', 'b'],
      statuses: ['AUTHORISED'],
      page: 2,
      pageSize: 100,
      modifiedSince: new Date('2024-01-01T00:00:00Z'),
    });
    const [request] = server.requests;
    expect(request.query.get('IDs')).toBe('a,b');
    expect(request.query.get('Statuses')).toBe('AUTHORISED');
    expect(request.query.get('page')).toBe('2');
    expect(request.query.get('pageSize')).toBe('100');
    expect(request.query.get('unitdp')).toBe('4');
    expect(request.headers['if-modified-since']).toBe('2024-01-01T00:00:00.000Z');
  });

  it('emails an invoice with its Idempotency-Key and accepts 204', async () => {
    server.queue.push({ status: 204 });
    const result = await gateway().emailInvoice(CONNECTION, 'i1', { idempotencyKey: 'email:row-1' });
    expect(result.status).toBe(204);
    expect(server.requests[0].path).toBe('/api.xro/2.0/Invoices/i1/Email');
    expect(server.requests[0].headers['idempotency-key']).toBe('email:row-1');
  });

  it('waits for Retry-After and retries once after a 429', async () => {
    server.queue.push({
      status: 429,
      headers: { 'Retry-After': '0', 'X-Rate-Limit-Problem': 'minute' },
      body: '',
    });
    server.queue.push({ status: 200, body: { Invoices: [{ InvoiceID: 'i2' }] } });
    const result = await gateway().createInvoices(CONNECTION, [invoice as never], { idempotencyKey: 'k' });
    expect(result.body.invoices?.[0].invoiceID).toBe('i2');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1].headers['idempotency-key']).toBe('k');
    expect(events.map((e) => e.status)).toEqual([429, 200]);
  });

  it('gives up with a rateLimit error after a second 429', async () => {
    const limited = { status: 429, headers: { 'Retry-After': '0', 'X-Rate-Limit-Problem': 'day' }, body: '' };
    server.queue.push(limited, limited);
    const error = await gateway()
      .getTaxRates(CONNECTION)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XeroError);
    expect(error).toMatchObject({ kind: 'rateLimit', status: 429, problem: 'day', retryable: true });
    expect(server.requests).toHaveLength(2);
  });

  it('does not sit through a long Retry-After and refuses further calls until it has passed', async () => {
    server.queue.push({
      status: 429,
      headers: { 'Retry-After': '3600', 'X-Rate-Limit-Problem': 'day' },
      body: '',
    });
    const xero = gateway();
    const first = await xero.getTaxRates(CONNECTION).catch((e: unknown) => e);
    expect(first).toMatchObject({ kind: 'rateLimit', retryAfterMs: 3_600_000, problem: 'day' });
    const second = await xero.getTaxRates(CONNECTION).catch((e: unknown) => e);
    expect(second).toMatchObject({ kind: 'rateLimit', retryable: true, problem: 'local' });
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a validation failure with Xero messages verbatim', async () => {
    server.queue.push({
      status: 400,
      body: {
        ErrorNumber: 10,
        Type: 'ValidationException',
        Message: 'A validation exception occurred',
        Elements: [{ ValidationErrors: [{ Message: 'Invoice # must be unique.' }] }],
      },
    });
    const error = await gateway()
      .createInvoices(CONNECTION, [invoice as never], { idempotencyKey: 'k' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'validation',
      status: 400,
      messages: ['Invoice # must be unique.'],
      retryable: false,
    });
  });

  it('reports a dropped connection as a retryable network error', async () => {
    server.queue.push({ status: 0, drop: true });
    const error = await gateway()
      .getOrganisation(CONNECTION)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', status: 0, retryable: true });
  });

  it('times out a call that never answers', async () => {
    server.queue.push({ status: 0, hang: true });
    const error = await gateway({ timeoutMs: 200 })
      .getAccounts(CONNECTION)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect((error as XeroError).messages[0]).toMatch(/timeout/i);
  });

  it('records one metrics event per call with tenant and operation', async () => {
    server.queue.push({ status: 200, body: { BrandingThemes: [] } });
    await gateway().getBrandingThemes(CONNECTION);
    expect(events).toEqual([
      expect.objectContaining({
        tenantId: TENANT,
        connectionId: CONNECTION,
        operation: 'getBrandingThemes',
        status: 200,
      }),
    ]);
  });

  it('refuses an Idempotency-Key longer than 128 characters before calling Xero', async () => {
    const call = gateway().createInvoices(CONNECTION, [invoice as never], {
      idempotencyKey: 'x'.repeat(129),
    });
    await expect(call).rejects.toThrow(/Idempotency-Key/);
    expect(server.requests).toHaveLength(0);
  });
});
