import { Permit, XeroRateLimiter } from '../../../src/adapters/xero/limiter';
import { flushPromises, ManualClock } from '../helpers/manualClock';

describe('XeroRateLimiter after a 429 that also says the day budget is spent', () => {
  it('grants the next call once Retry-After has passed, not a day later', async () => {
    const clock = new ManualClock();
    const limiter = new XeroRateLimiter({ clock, limits: { minuteMs: 1000, dayMs: 86_400_000 } });
    const granted: Permit[] = [];
    const request = () => void limiter.acquire('t1').then((p) => granted.push(p));
    request();
    await flushPromises();
    granted[0].release({
      status: 429,
      retryAfterMs: 5000,
      headers: { 'x-daylimit-remaining': '0', 'x-minlimit-remaining': '0' },
    });
    request();
    await flushPromises();
    await clock.advance(4999);
    expect(granted).toHaveLength(1);
    await clock.advance(1);
    expect(granted).toHaveLength(2);
  });
});
