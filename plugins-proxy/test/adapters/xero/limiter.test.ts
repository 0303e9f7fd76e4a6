import { Permit, XeroLimits, XeroRateLimiter } from '../../../src/adapters/xero/limiter';
import { flushPromises, ManualClock } from '../helpers/manualClock';

function setup(limits: Partial<XeroLimits> = {}) {
  const clock = new ManualClock();
  const limiter = new XeroRateLimiter({ clock, limits: { minuteMs: 1000, ...limits } });
  const granted: Permit[] = [];
  const request = (tenant: string, n: number) => {
    for (let i = 0; i < n; i++) void limiter.acquire(tenant).then((p) => granted.push(p));
  };
  return { clock, limiter, granted, request };
}

describe('XeroRateLimiter', () => {
  it('never lets more than 5 calls for one tenant run at once', async () => {
    const { limiter, granted, request } = setup();
    request('t1', 20);
    await flushPromises();
    let maxActive = 0;
    let finished = 0;
    while (finished < 20) {
      maxActive = Math.max(maxActive, limiter.budget('t1').active);
      const permit = granted[finished++];
      permit.release({ status: 200 });
      await flushPromises();
    }
    expect(finished).toBe(20);
    expect(maxActive).toBe(5);
  });

  it('starts no more than 60 calls in one scaled minute', async () => {
    const { clock, granted, request } = setup({ maxConcurrent: 1000 });
    request('t1', 130);
    await flushPromises();
    expect(granted).toHaveLength(60);
    granted.forEach((p) => p.release({ status: 200 }));
    await clock.advance(999);
    expect(granted).toHaveLength(60);
    await clock.advance(1);
    expect(granted).toHaveLength(120);
    await clock.advance(1000);
    expect(granted).toHaveLength(130);
  });

  it('keeps the rolling window when calls are spread over the minute', async () => {
    const { clock, granted, request } = setup({ maxConcurrent: 1000 });
    request('t1', 40);
    await clock.advance(500);
    request('t1', 40);
    await flushPromises();
    expect(granted).toHaveLength(60);
    await clock.advance(500);
    expect(granted).toHaveLength(80);
  });

  it('holds a tenant whose X-MinLimit-Remaining reached zero until the window resets', async () => {
    const { clock, granted, request } = setup();
    request('t1', 1);
    await flushPromises();
    granted[0].release({ status: 200, headers: { 'x-minlimit-remaining': '0' } });
    request('t1', 1);
    await clock.advance(999);
    expect(granted).toHaveLength(1);
    await clock.advance(1);
    expect(granted).toHaveLength(2);
  });

  it('stops at its own daily count until Xero says how many calls are left', async () => {
    const { clock, granted, request } = setup({ perDay: 3, maxConcurrent: 100, dayMs: 10_000 });
    request('t1', 4);
    await flushPromises();
    expect(granted).toHaveLength(3);
    await clock.advance(10_000);
    expect(granted).toHaveLength(4);
  });

  it('counts from X-DayLimit-Remaining once Xero sent it (reference §3.1)', async () => {
    const { granted, request, limiter } = setup({ perDay: 3, maxConcurrent: 100, dayMs: 10_000 });
    request('t1', 4);
    await flushPromises();
    granted[0].release({ status: 200, headers: { 'x-daylimit-remaining': '4997' } });
    await flushPromises();
    expect(limiter.budget('t1').dayRemaining).toBe(4996);
    expect(granted).toHaveLength(4);
  });

  it('pauses only the tenant that got a 429 for its Retry-After', async () => {
    const { clock, granted, request } = setup();
    request('t1', 1);
    await flushPromises();
    granted[0].release({ status: 429, retryAfterMs: 5000 });
    request('t1', 1);
    request('t2', 1);
    await flushPromises();
    expect(granted).toHaveLength(2);
    await clock.advance(4999);
    expect(granted).toHaveLength(2);
    await clock.advance(1);
    expect(granted).toHaveLength(3);
  });

  it('keeps all tenants together under the app-wide minute limit', async () => {
    const { granted, request } = setup({ appPerMinute: 10, maxConcurrent: 100 });
    request('t1', 8);
    request('t2', 8);
    await flushPromises();
    expect(granted).toHaveLength(10);
  });
});
