/**
 * The shared limiter keeps two relays (here: two limiters on two handles of one store file, as two
 * processes would have) inside one tenant's concurrency and per-minute budget together.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../src/adapters/store/sqliteStore';
import type { Store } from '../../src/adapters/store/store';
import { SharedXeroRateLimiter, createXeroRateLimiter } from '../../src/adapters/xero/sharedLimiter';
import { XeroError } from '../../src/adapters/xero/errors';
import { XeroRateLimiter } from '../../src/adapters/xero/limiter';

const TENANT = 'tenant-shared';
let dir: string;
let stores: Store[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-limiter-'));
  const file = path.join(dir, 'relay.db');
  stores = [await openSqliteStore(file, 'org-1'), await openSqliteStore(file, 'org-1')];
});
afterEach(async () => {
  for (const store of stores) await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function limiters(limits: ConstructorParameters<typeof SharedXeroRateLimiter>[0]['limits']) {
  return stores.map((store) => new SharedXeroRateLimiter({ store, limits }));
}

it('never has more calls in flight across both limiters than the tenant allows', async () => {
  const [a, b] = limiters({ maxConcurrent: 3, perMinute: 10_000, minuteMs: 1000 });
  let inFlight = 0;
  let peak = 0;
  const call = async (limiter: SharedXeroRateLimiter) => {
    const permit = await limiter.acquire(TENANT);
    peak = Math.max(peak, ++inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight--;
    permit.release({ status: 200 });
  };
  await Promise.all(Array.from({ length: 40 }, (_, i) => call(i % 2 ? a : b)));
  expect(peak).toBe(3);
});

it('grants no more than perMinute calls within one minute across both limiters', async () => {
  const [a, b] = limiters({ maxConcurrent: 5, perMinute: 6, minuteMs: 400 });
  const grantedAt: number[] = [];
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 14 }, async (_, i) => {
      const permit = await (i % 2 ? a : b).acquire(TENANT);
      grantedAt.push(Date.now() - started);
      permit.release({ status: 200 });
    }),
  );
  grantedAt.sort((x, y) => x - y);
  for (let i = 6; i < grantedAt.length; i++) {
    expect(grantedAt[i] - grantedAt[i - 6]).toBeGreaterThanOrEqual(400 - 5);
  }
});

it("pauses the other limiter's calls after a 429 with Retry-After", async () => {
  const [a, b] = limiters({ maxConcurrent: 5, perMinute: 1000, minuteMs: 1000 });
  const first = await a.acquire(TENANT);
  first.release({ status: 429, retryAfterMs: 300 });
  await new Promise((resolve) => setTimeout(resolve, 20));
  const started = Date.now();
  (await b.acquire(TENANT)).release({ status: 200 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(250);
});

it('makes a long shared pause a retryable rate-limit error for the job, not a worker asleep for hours', async () => {
  const [a, b] = limiters({ maxConcurrent: 5, perMinute: 1000, minuteMs: 1000 });
  (await a.acquire(TENANT)).release({ status: 429, retryAfterMs: 3 * 3_600_000 });
  await new Promise((resolve) => setTimeout(resolve, 20));
  const refused = await Promise.race([
    b.acquire(TENANT).then(
      () => 'granted',
      (error: unknown) => error,
    ),
    new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1000)),
  ]);
  expect(refused).toBeInstanceOf(XeroError);
  expect(refused).toMatchObject({ kind: 'rateLimit', retryable: true });
  expect((refused as XeroError).retryAfterMs).toBeGreaterThan(3_500_000);
});

it('pauses every tenant in every relay after a 429 for the app-wide minute limit', async () => {
  const [a, b] = limiters({ maxConcurrent: 5, perMinute: 1000, minuteMs: 1000 });
  (await a.acquire(TENANT)).release({
    status: 429,
    retryAfterMs: 300,
    headers: { 'x-rate-limit-problem': 'appminute' },
  });
  await new Promise((resolve) => setTimeout(resolve, 20));
  const started = Date.now();
  (await b.acquire('another-tenant')).release({ status: 200 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(250);
});

it('uses the process-local limiter on a SQLite store', () => {
  const limiter = createXeroRateLimiter(stores[0]);
  expect(limiter).toBeInstanceOf(XeroRateLimiter);
  expect(limiter).not.toBeInstanceOf(SharedXeroRateLimiter);
});
