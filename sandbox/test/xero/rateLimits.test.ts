// Rate limits and their headers (reference/xero-api.md §3.1), with a 6-second "minute". The clock is
// frozen (it moves only through advanceClock), so a slow machine cannot cross a window by accident.
import type { XeroEmulator } from '../../xero';
import { rawApi, startEmulator, type RawApi } from './helpers';

let emulator: XeroEmulator;
let api: RawApi;

beforeAll(async () => {
  const frozen = Date.now();
  emulator = await startEmulator({ minuteMs: 6000, now: () => frozen });
  api = rawApi(emulator);
});

afterAll(() => emulator.stop());

beforeEach(() => {
  emulator.admin.resetLimits();
  emulator.admin.setLatency(0);
});

describe('rate limits', () => {
  it('sets X-DayLimit-Remaining, X-MinLimit-Remaining and X-AppMinLimit-Remaining on every response (§3.1)', async () => {
    const reply = await api.call('GET', '/Organisation');
    expect([
      reply.headers.get('x-daylimit-remaining'),
      reply.headers.get('x-minlimit-remaining'),
      reply.headers.get('x-appminlimit-remaining'),
    ]).toEqual(['4999', '59', '9999']);
  });

  it('answers the 61st call in a minute with 429, X-Rate-Limit-Problem: minute and Retry-After (§3.1)', async () => {
    for (let i = 0; i < 60; i += 1) expect((await api.call('GET', '/Organisation')).status).toBe(200);
    const refused = await api.call('GET', '/Organisation');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-rate-limit-problem')).toBe('minute');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(6);
    expect(refused.headers.get('x-minlimit-remaining')).toBe('0');
  });

  it('opens a new window when the scaled minute has passed (§3.1 fixed windows)', async () => {
    for (let i = 0; i < 60; i += 1) await api.call('GET', '/Organisation');
    emulator.admin.advanceClock(6000);
    expect((await api.call('GET', '/Organisation')).status).toBe(200);
  });

  it('answers a sixth concurrent call with 429 and X-Rate-Limit-Problem: concurrent (§3.1)', async () => {
    emulator.admin.setLatency(300);
    const replies = await Promise.all(Array.from({ length: 6 }, () => api.call('GET', '/Organisation')));
    const refused = replies.filter((r) => r.status === 429);
    expect(refused).toHaveLength(1);
    expect(refused[0].headers.get('x-rate-limit-problem')).toBe('concurrent');
  });

  it('enforces the app-wide minute limit across tenants with X-Rate-Limit-Problem: appminute (§3.1)', async () => {
    emulator.admin.setLimits({ appPerMinute: 2 });
    try {
      const other = rawApi(emulator, emulator.admin.createOrganisation({ name: 'Other tenant' }).tenantId);
      await api.call('GET', '/Organisation');
      await other.call('GET', '/Organisation');
      const refused = await other.call('GET', '/Organisation');
      expect([refused.status, refused.headers.get('x-rate-limit-problem')]).toEqual([429, 'appminute']);
    } finally {
      emulator.admin.setLimits({ appPerMinute: 10000 });
    }
  });

  it('enforces the daily limit with X-Rate-Limit-Problem: day (§3.1)', async () => {
    emulator.admin.setLimits({ perDay: 3 });
    try {
      for (let i = 0; i < 3; i += 1) await api.call('GET', '/Organisation');
      const refused = await api.call('GET', '/Organisation');
      expect([refused.status, refused.headers.get('x-rate-limit-problem')]).toEqual([429, 'day']);
    } finally {
      emulator.admin.setLimits({ perDay: 5000 });
    }
  });
});
