/**
 * What the gateway puts on the wire for the calls added with the look-ups (reference §3.4, §3.7):
 * POST /CreditNotes/{id} for an update, createdByMyApp on invoice queries, and items by code in
 * short OR'd `where` filters rather than one long one.
 */
import { XeroRateLimiter } from '../../../src/adapters/xero/limiter';
import { XeroNodeGateway } from '../../../src/adapters/xero/xeroNodeGateway';
import { CaptureServer, startCaptureServer } from '../helpers/captureServer';

const TENANT = '00000000-0000-0000-0000-0000000000t1';
let server: CaptureServer;

const gateway = () =>
  new XeroNodeGateway({
    getAccessToken: async () => ({ accessToken: 'access-abc', tenantId: TENANT }),
    limiter: new XeroRateLimiter(),
    basePath: `${server.url}/api.xro/2.0`,
  });

beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.queue.length = 0;
});

it('updates a credit note with POST /CreditNotes/{id}, the Idempotency-Key and unitdp=4', async () => {
  server.queue.push({ status: 200, body: { CreditNotes: [{ CreditNoteID: 'cn-1' }] } });
  const note = { type: 'ACCRECCREDIT', contact: { contactID: 'c1' }, lineItems: [] };
  await gateway().updateCreditNote('conn', 'cn-1', note as never, { idempotencyKey: 'stl:document:r1:2' });
  const [request] = server.requests;
  expect([request.method, request.path]).toEqual(['POST', '/api.xro/2.0/CreditNotes/cn-1']);
  expect(request.headers['idempotency-key']).toBe('stl:document:r1:2');
  expect(request.query.get('unitdp')).toBe('4');
});

it('asks for the app’s own invoices with createdByMyApp=true', async () => {
  server.queue.push({ status: 200, body: { Invoices: [] } });
  await gateway().getInvoices('conn', { invoiceNumbers: ['SUP-1'], createdByMyApp: true, page: 1 });
  expect(server.requests[0].query.get('createdByMyApp')).toBe('true');
});

it('looks 25 item codes up in three calls of at most 10 OR’d terms, and merges the answers', async () => {
  for (let i = 0; i < 3; i++)
    server.queue.push({ status: 200, body: { Items: [{ ItemID: `i${i}`, Code: `C${i}` }] } });
  const codes = Array.from({ length: 25 }, (_, i) => `CODE-${i}`);
  const result = await gateway().getItems('conn', { codes });
  const terms = server.requests.map((r) => (r.query.get('where') ?? '').split(' OR ').length);
  expect(terms).toEqual([10, 10, 5]);
  expect(result.body.items?.map((i) => i.code)).toEqual(['C0', 'C1', 'C2']);
});
