import { SYSTEM_TABLES } from '../../../solution/names';
import type { DataverseEmulator } from '../../dataverse';
import { type client, startEmulator } from './helpers';

// Service protection limits and fault injection: reference/dataverse-webapi.md §1.9
const { account, contact } = SYSTEM_TABLES;
let emulator: DataverseEmulator;
let api: ReturnType<typeof client>;

beforeEach(async () => {
  ({ emulator, api } = await startEmulator());
});
afterEach(() => emulator.stop());

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${emulator.url}/_admin/${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });

it('answers 429 0x80072322 with Retry-After once the request threshold is passed', async () => {
  await admin('PUT', 'limits', { requestsPerWindow: 3, windowSeconds: 300 });
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await api('GET', `${account.entitySet}?$top=1`)).status);
  const limited = await api('GET', `${account.entitySet}?$top=1`);
  expect(statuses).toEqual([200, 200, 200]);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(limited.json().error).toEqual({
    code: '0x80072322',
    message: 'Number of requests exceeded the limit of 3 over time window of 300 seconds.',
  });
});

it('answers 429 0x80072326 when too many requests are in flight at once', async () => {
  emulator.admin.setLimits({ concurrentRequests: 1 });
  emulator.admin.addFault({ delayMs: 300, count: 1 });
  const slow = api('GET', `${account.entitySet}?$top=1`);
  await emulator.admin.whenInFlight(1);
  const second = await api('GET', `${account.entitySet}?$top=1`);
  expect(second.status).toBe(429);
  expect(second.json().error).toMatchObject({ code: '0x80072326' });
  expect((await slow).status).toBe(200);
});

it('injects 503 for the next N requests, then serves normally', async () => {
  await admin('POST', 'faults', { status: 503, count: 2 });
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await api('GET', `${account.entitySet}?$top=1`)).status);
  expect(statuses).toEqual([503, 503, 200]);
});

it('injects a 429 with the documented body and a chosen Retry-After', async () => {
  emulator.admin.addFault({ status: 429, count: 1, retryAfterSeconds: 7 });
  const reply = await api('GET', `${account.entitySet}?$top=1`);
  expect(reply.status).toBe(429);
  expect(reply.headers.get('retry-after')).toBe('7');
  expect(reply.json().error).toMatchObject({ code: '0x80072322' });
});

it('injects faults only on paths that match the rule', async () => {
  emulator.admin.addFault({ status: 503, path: contact.entitySet });
  expect((await api('GET', `${account.entitySet}?$top=1`)).status).toBe(200);
  expect((await api('GET', `${contact.entitySet}?$top=1`)).status).toBe(503);
});

it('counts requests per method and entity set in the admin request log', async () => {
  await api('GET', `${account.entitySet}?$top=1`);
  await api('GET', `${account.entitySet}?$top=1`);
  await api('POST', account.entitySet, { body: { name: 'Logged' } });
  const log = (await (await admin('GET', 'requests')).json()) as {
    total: number;
    counts: Record<string, number>;
  };
  expect(log.counts).toMatchObject({ [`GET ${account.entitySet}`]: 2, [`POST ${account.entitySet}`]: 1 });
  expect(log.total).toBe(3);
});

it('injects faults for a share of requests with ratio (1 = all, 0 = none)', async () => {
  emulator.admin.addFault({ status: 503, ratio: 0 });
  expect((await api('GET', `${account.entitySet}?$top=1`)).status).toBe(200);
  emulator.admin.clearFaults();
  emulator.admin.addFault({ status: 503, ratio: 1 });
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await api('GET', `${account.entitySet}?$top=1`)).status);
  expect(statuses).toEqual([503, 503, 503]);
});

it('slows responses down by the injected delay without failing them', async () => {
  emulator.admin.addFault({ delayMs: 150, count: 1 });
  const started = Date.now();
  const reply = await api('GET', `${account.entitySet}?$top=1`);
  expect(reply.status).toBe(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(140);
});
