/**
 * An email is recorded before Xero is asked and never requested twice for one sync row
 * (docs/xero-behaviour.md#emailing): Xero's Idempotency-Key would protect a retry for 6 minutes only.
 */
import { openMemoryStore } from '../../src/adapters/store/openStore';
import type { Store } from '../../src/adapters/store/store';
import { XeroError } from '../../src/adapters/xero/errors';
import { FakeXeroGateway } from '../../src/adapters/xero/fakeXeroGateway';
import { emailOnce } from '../../src/push/emailOnce';

const ROW = '6f1c2d3e-0000-4000-8000-0000000000e1';
const request = { syncRowId: ROW, tenantId: 't1', connectionId: 'conn', xeroId: 'x-1' };
let store: Store;
let gateway: FakeXeroGateway;
const deps = () => ({ store, gateway, now: () => 1 });
const emails = () => gateway.calls.filter((c) => c.operation === 'emailInvoice').length;

beforeEach(() => {
  store = openMemoryStore();
  gateway = new FakeXeroGateway();
});
afterEach(() => store.close());

it('emails once, and a retry of the same row learns it was sent without asking Xero again', async () => {
  expect(await emailOnce(deps(), request)).toEqual({ kind: 'sent' });
  expect(await emailOnce(deps(), request)).toEqual({ kind: 'sentEarlier' });
  expect(emails()).toBe(1);
});

it('does not ask again after a request whose answer was lost: Xero may have sent it', async () => {
  gateway.failNext(
    'emailInvoice',
    new XeroError({ kind: 'network', status: 0, messages: ['timeout'], retryable: true }),
  );
  expect(await emailOnce(deps(), request)).toEqual({ kind: 'unknown' });
  expect(await emailOnce(deps(), request)).toEqual({ kind: 'unknown' });
  expect(emails()).toBe(1);
});

it('does not ask again after a server error, which Xero may have answered after sending', async () => {
  gateway.failNext(
    'emailInvoice',
    new XeroError({ kind: 'server', status: 500, messages: ['oops'], retryable: true }),
  );
  expect(await emailOnce(deps(), request)).toEqual({ kind: 'unknown' });
  expect(emails()).toBe(1);
});

it('may try again after Xero refused it outright, since nothing was sent', async () => {
  const refusal = new XeroError({
    kind: 'validation',
    status: 400,
    messages: ['No email address'],
    retryable: false,
  });
  gateway.failNext('emailInvoice', refusal);
  expect(await emailOnce(deps(), request)).toEqual({ kind: 'refused', messages: ['No email address'] });
  expect(await emailOnce(deps(), request)).toEqual({ kind: 'sent' });
});

it('rethrows a rate limit for the caller to retry, with the claim released', async () => {
  const limited = new XeroError({
    kind: 'rateLimit',
    status: 429,
    messages: ['minute'],
    retryable: true,
    retryAfterMs: 1000,
  });
  gateway.failNext('emailInvoice', limited);
  await expect(emailOnce(deps(), request)).rejects.toBe(limited);
  expect(await emailOnce(deps(), request)).toEqual({ kind: 'sent' });
});
