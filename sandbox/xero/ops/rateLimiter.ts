// Xero's rate limits (reference/xero-api.md §3.1): per tenant 5 concurrent, 60 a minute, 5000 a day;
// 10,000 a minute across the app. Fixed windows that start with a tenant's first call; the
// remaining counts go in X-DayLimit-Remaining / X-MinLimit-Remaining / X-AppMinLimit-Remaining.
import type { RateLimitSettings } from '../options';

interface Window {
  start: number;
  count: number;
}

export type LimitProblem = 'minute' | 'day' | 'concurrent' | 'appminute';

export type Admission =
  | { ok: true; headers: Record<string, string>; release: () => void }
  | { ok: false; headers: Record<string, string>; problem: LimitProblem; retryAfterSeconds?: number };

export class RateLimiter {
  private readonly minute = new Map<string, Window>();
  private readonly day = new Map<string, Window>();
  private readonly inFlight = new Map<string, number>();
  private app: Window = { start: 0, count: 0 };

  constructor(
    public settings: RateLimitSettings,
    private readonly now: () => number,
  ) {}

  update(changes: Partial<RateLimitSettings>): RateLimitSettings {
    this.settings = { ...this.settings, ...changes };
    return this.settings;
  }

  reset(): void {
    this.minute.clear();
    this.day.clear();
    this.app = { start: 0, count: 0 };
  }

  private current(window: Window | undefined, length: number, now: number): Window {
    return !window || now - window.start >= length ? { start: now, count: 0 } : window;
  }

  admit(tenantId: string): Admission {
    const now = this.now();
    const { minuteMs } = this.settings;
    const dayMs = minuteMs * 60 * 24;
    const minute = this.current(this.minute.get(tenantId), minuteMs, now);
    const day = this.current(this.day.get(tenantId), dayMs, now);
    this.app = this.current(this.app, minuteMs, now);
    this.minute.set(tenantId, minute);
    this.day.set(tenantId, day);
    const retryAfter = (window: Window, length: number) =>
      Math.max(1, Math.ceil((window.start + length - now) / 1000));
    const headers = () => ({
      'X-DayLimit-Remaining': String(Math.max(0, this.settings.perDay - day.count)),
      'X-MinLimit-Remaining': String(Math.max(0, this.settings.perMinute - minute.count)),
      'X-AppMinLimit-Remaining': String(Math.max(0, this.settings.appPerMinute - this.app.count)),
    });
    if (day.count >= this.settings.perDay) {
      return { ok: false, headers: headers(), problem: 'day', retryAfterSeconds: retryAfter(day, dayMs) };
    }
    if (minute.count >= this.settings.perMinute) {
      return {
        ok: false,
        headers: headers(),
        problem: 'minute',
        retryAfterSeconds: retryAfter(minute, minuteMs),
      };
    }
    if (this.app.count >= this.settings.appPerMinute) {
      return {
        ok: false,
        headers: headers(),
        problem: 'appminute',
        retryAfterSeconds: retryAfter(this.app, minuteMs),
      };
    }
    const inFlight = this.inFlight.get(tenantId) ?? 0;
    if (inFlight >= this.settings.concurrent) return { ok: false, headers: headers(), problem: 'concurrent' };
    minute.count += 1;
    day.count += 1;
    this.app.count += 1;
    this.inFlight.set(tenantId, inFlight + 1);
    let released = false;
    return {
      ok: true,
      headers: headers(),
      release: () => {
        if (released) return;
        released = true;
        this.inFlight.set(tenantId, (this.inFlight.get(tenantId) ?? 1) - 1);
      },
    };
  }
}
