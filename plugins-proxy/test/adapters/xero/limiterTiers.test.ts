/**
 * Rate limits as Xero applies them (reference/xero-api.md §3.1; docs/xero-behaviour.md#rate-limits):
 * daily limits by tier and per organisation, X-DayLimit-Remaining, a spent day probed rather than
 * waited out, a concurrency 429 backed off for a second, and the app-wide minute limit for all.
 */
import { Permit, XERO_LIMITS, XeroLimits, XeroRateLimiter } from '../../../src/adapters/xero/limiter';
import { flushPromises, ManualClock } from '../helpers/manualClock';

const MINUTE = 60_000;
const DAY = 86_400_000;

function setup(limits: Partial<XeroLimits> = {}) {
  const clock = new ManualClock();
  const limiter = new XeroRateLimiter({ clock, limits: { maxConcurrent: 100, ...limits } });
  const granted: { tenant: string; permit: Permit }[] = [];
  const request = (tenant: string, n = 1) => {
    for (let i = 0; i < n; i++)
      void limiter.acquire(tenant).then((permit) => granted.push({ tenant, permit }));
  };
  const count = (tenant: string) => granted.filter((g) => g.tenant === tenant).length;
  return { clock, limiter, granted, request, count };
}

it('starts from the Starter tier’s 1,000 calls a day until told otherwise (§3.1 tiers since March 2026)', () => {
  expect(XERO_LIMITS.perDay).toBe(1000);
});

it('takes a daily limit per organisation, so a Core organisation is not held to Starter’s', async () => {
  const { limiter, request, count } = setup({ perDay: 2, perMinute: 1000 });
  limiter.setDayLimit('core', 5);
  request('starter', 4);
  request('core', 4);
  await flushPromises();
  expect([count('starter'), count('core')]).toEqual([2, 4]);
});

it('probes a spent day every 15 minutes instead of waiting 24 hours (X-DayLimit-Remaining: 0, no Retry-After)', async () => {
  const { clock, granted, request } = setup({ perMinute: 1000 });
  request('t1');
  await flushPromises();
  granted[0].permit.release({ status: 200, headers: { 'x-daylimit-remaining': '0' } });
  request('t1');
  await clock.advance(15 * MINUTE - 1);
  expect(granted).toHaveLength(1);
  await clock.advance(1);
  expect(granted).toHaveLength(2);
});

it('waits for the Retry-After of a day 429 when Xero names it (§3.1)', async () => {
  const { clock, granted, request } = setup({ perMinute: 1000 });
  request('t1');
  await flushPromises();
  granted[0].permit.release({
    status: 429,
    retryAfterMs: 2 * 60 * MINUTE,
    headers: { 'x-rate-limit-problem': 'day', 'x-daylimit-remaining': '0' },
  });
  request('t1');
  await clock.advance(2 * 60 * MINUTE - 1);
  expect(granted).toHaveLength(1);
  await clock.advance(1);
  expect(granted).toHaveLength(2);
  expect(DAY).toBeGreaterThan(2 * 60 * MINUTE);
});

it('backs a concurrency 429 off for a second, not a minute (no Retry-After for that limit, §3.1)', async () => {
  const { clock, granted, request } = setup();
  request('t1');
  await flushPromises();
  granted[0].permit.release({ status: 429, headers: { 'x-rate-limit-problem': 'concurrent' } });
  request('t1');
  await clock.advance(999);
  expect(granted).toHaveLength(1);
  await clock.advance(1);
  expect(granted).toHaveLength(2);
});

it('pauses every tenant of the app after a 429 for the app-wide minute limit', async () => {
  const { clock, granted, request, count } = setup();
  request('t1');
  await flushPromises();
  granted[0].permit.release({
    status: 429,
    retryAfterMs: 20_000,
    headers: { 'x-rate-limit-problem': 'appminute' },
  });
  request('t2');
  await clock.advance(19_999);
  expect(count('t2')).toBe(0);
  await clock.advance(1);
  expect(count('t2')).toBe(1);
});
