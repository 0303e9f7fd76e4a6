/**
 * The Xero emulator's injected 429s read like Xero's own: Retry-After (in seconds, one scaled
 * minute) and X-Rate-Limit-Problem, so the relay's limiter is exercised the way Xero drives it.
 */
import { startXeroEmulator, type XeroEmulator } from '../../../sandbox/xero';

let xero: XeroEmulator;

beforeAll(async () => {
  xero = await startXeroEmulator({ organisations: [{ name: 'Faults Ltd' }], minuteMs: 3000 });
});
afterAll(() => xero?.stop());

it('answers an injected 429 with Retry-After and X-Rate-Limit-Problem', async () => {
  xero.admin.addFault({ kind: 'status', status: 429, count: 1, path: '/Invoices$' });
  const reply = await fetch(`${xero.apiBasePath}/Invoices`);
  expect(reply.status).toBe(429);
  expect(reply.headers.get('retry-after')).toBe('3');
  expect(reply.headers.get('x-rate-limit-problem')).toBe('minute');
});

it('leaves other injected statuses without Retry-After', async () => {
  xero.admin.addFault({ kind: 'status', status: 503, count: 1, path: '/Invoices$' });
  const reply = await fetch(`${xero.apiBasePath}/Invoices`);
  expect(reply.status).toBe(503);
  expect(reply.headers.get('retry-after')).toBeNull();
});
