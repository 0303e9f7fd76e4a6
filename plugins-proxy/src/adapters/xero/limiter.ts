/**
 * Keeps every Xero call of this process inside Xero's limits (reference/xero-api.md §3.1); one instance is
 * shared by all workers of a process (docs/architecture.md#the-rate-limiter).
 */
import { Clock, systemClock } from './clock';
import { ResponseHeaders } from './errors';
import { SlidingWindow } from './slidingWindow';

export interface XeroLimits {
  maxConcurrent: number;
  perMinute: number;
  /**
   * Calls a day per organisation by the app's Xero tier (Starter 1,000; Core and above 5,000); a
   * guard until Xero's X-DayLimit-Remaining says how many are left, which then counts instead.
   */
  perDay: number;
  appPerMinute: number;
  /** Length of a "minute"; benchmarks scale it down. */
  minuteMs: number;
  dayMs: number;
  /** Once the day's calls are spent and Xero names no reset time, one call probes this often. */
  dayProbeMs: number;
  /** A 429 for the concurrent limit (no Retry-After) waits this long: a call in flight ends soon. */
  concurrencyBackoffMs: number;
}

export const XERO_LIMITS: XeroLimits = {
  maxConcurrent: 5,
  perMinute: 60,
  perDay: 1000,
  appPerMinute: 10_000,
  minuteMs: 60_000,
  dayMs: 86_400_000,
  dayProbeMs: 15 * 60_000,
  concurrencyBackoffMs: 1000,
};

export interface CallOutcome {
  status?: number;
  headers?: ResponseHeaders;
  retryAfterMs?: number;
}

export interface Permit {
  /** Give the slot back and learn from the answer; calling it twice has no effect. */
  release(outcome?: CallOutcome): void;
}

export interface TenantBudget {
  active: number;
  queued: number;
  usedThisMinute: number;
  usedToday: number;
  /** From X-DayLimit-Remaining, counted down locally since. */
  dayRemaining?: number;
  minuteRemaining?: number;
  pausedUntil?: number;
}

interface RemoteBudget {
  remaining: number;
  /** When a spent budget is surely back: the window's end, or sooner when a 429 says so. */
  resetAt: number;
}

interface TenantState {
  active: number;
  minute: SlidingWindow;
  dayStart: number;
  dayCount: number;
  lastGrantAt: number;
  pausedUntil: number;
  remoteMinute?: RemoteBudget;
  remoteDay?: RemoteBudget;
  queue: Array<(permit: Permit) => void>;
  timerAt?: number;
  cancelTimer?: () => void;
}

export interface XeroRateLimiterOptions {
  limits?: Partial<XeroLimits>;
  clock?: Clock;
}

export class XeroRateLimiter {
  readonly limits: XeroLimits;
  private readonly clock: Clock;
  private readonly tenants = new Map<string, TenantState>();
  private readonly appMinute: SlidingWindow;
  private appRemote?: RemoteBudget;
  /** A 429 for the app-wide minute limit pauses every tenant of the app. */
  private appPausedUntil = 0;
  private readonly dayLimits = new Map<string, number>();

  constructor(options: XeroRateLimiterOptions = {}) {
    this.limits = { ...XERO_LIMITS, ...options.limits };
    this.clock = options.clock ?? systemClock;
    this.appMinute = new SlidingWindow(this.limits.minuteMs);
  }

  /** Wait for a slot for this tenant. Always release the permit, with the answer's headers. */
  acquire(tenantId: string): Promise<Permit> {
    const state = this.state(tenantId);
    return new Promise<Permit>((resolve) => {
      state.queue.push(resolve);
      this.pump(state);
    });
  }

  /** Run `task` inside a permit; `outcomeOf` reads status and headers from its result or error. */
  async run<T>(
    tenantId: string,
    task: () => Promise<T>,
    outcomeOf: (r: { value?: T; error?: unknown }) => CallOutcome,
  ): Promise<T> {
    const permit = await this.acquire(tenantId);
    try {
      const value = await task();
      permit.release(outcomeOf({ value }));
      return value;
    } catch (error) {
      permit.release(outcomeOf({ error }));
      throw error;
    }
  }

  /** This organisation's daily limit, when it differs from the app's tier (`perDay`). */
  setDayLimit(tenantId: string, perDay: number): void {
    this.dayLimits.set(tenantId, perDay);
  }

  /** Stop granting slots to this tenant for `ms` (a 429's Retry-After). */
  pause(tenantId: string, ms: number): void {
    const state = this.state(tenantId);
    state.pausedUntil = Math.max(state.pausedUntil, this.clock.now() + ms);
    this.pump(state);
  }

  /**
   * How long a new call for this tenant would wait for time-based limits (pause, minute, day,
   * app), ignoring concurrency. Callers refuse to queue behind a wait longer than they can hold.
   */
  waitEstimate(tenantId: string): number {
    const state = this.state(tenantId);
    const active = state.active;
    state.active = 0;
    try {
      return this.delayFor(state, this.clock.now());
    } finally {
      state.active = active;
    }
  }

  budget(tenantId: string): TenantBudget {
    const state = this.state(tenantId);
    const now = this.clock.now();
    return {
      active: state.active,
      queued: state.queue.length,
      usedThisMinute: state.minute.count(now),
      usedToday: now - state.dayStart < this.limits.dayMs ? state.dayCount : 0,
      dayRemaining: state.remoteDay?.remaining,
      minuteRemaining: state.remoteMinute?.remaining,
      pausedUntil: state.pausedUntil > now ? state.pausedUntil : undefined,
    };
  }

  private state(tenantId: string): TenantState {
    let state = this.tenants.get(tenantId);
    if (!state) {
      state = {
        active: 0,
        minute: new SlidingWindow(this.limits.minuteMs),
        dayStart: this.clock.now(),
        dayCount: 0,
        lastGrantAt: 0,
        pausedUntil: 0,
        queue: [],
      };
      this.tenants.set(tenantId, state);
    }
    return state;
  }

  /** 0 when a call may start now, Infinity when only a release can free a slot, else ms to wait. */
  private delayFor(state: TenantState, now: number): number {
    const { limits } = this;
    const paused = Math.max(state.pausedUntil, this.appPausedUntil);
    if (now < paused) return paused - now;
    if (state.active >= limits.maxConcurrent) return Infinity;
    if (now - state.dayStart >= limits.dayMs) {
      state.dayStart = now;
      state.dayCount = 0;
    }
    const waits = [
      state.minute.waitFor(limits.perMinute, now),
      this.localDayWait(state, now),
      this.appMinute.waitFor(limits.appPerMinute, now),
      remoteWait(state.remoteMinute, now),
      remoteWait(state.remoteDay, now),
      remoteWait(this.appRemote, now),
    ];
    return Math.max(...waits);
  }

  /**
   * Our own count of the day's calls stands in for Xero's only until X-DayLimit-Remaining is known;
   * once it is spent, a call goes out every dayProbeMs to learn when Xero's window resets.
   */
  private localDayWait(state: TenantState, now: number): number {
    if (state.remoteDay) return 0;
    const perDay = this.dayLimits.get(this.tenantOf(state)) ?? this.limits.perDay;
    if (state.dayCount < perDay) return 0;
    const probeAt = Math.min(state.dayStart + this.limits.dayMs, state.lastGrantAt + this.limits.dayProbeMs);
    return Math.max(0, probeAt - now);
  }

  private tenantOf(state: TenantState): string {
    for (const [tenantId, s] of this.tenants) if (s === state) return tenantId;
    return '';
  }

  private pump(state: TenantState): void {
    while (state.queue.length > 0) {
      const now = this.clock.now();
      const delay = this.delayFor(state, now);
      if (delay > 0) {
        if (Number.isFinite(delay)) this.wakeAt(state, now + delay);
        return;
      }
      const grant = state.queue.shift() as (permit: Permit) => void;
      grant(this.grant(state, now));
    }
  }

  private grant(state: TenantState, now: number): Permit {
    state.active++;
    state.minute.record(now);
    state.dayCount++;
    state.lastGrantAt = now;
    this.appMinute.record(now);
    for (const remote of [state.remoteMinute, state.remoteDay, this.appRemote])
      if (remote) remote.remaining--;
    let released = false;
    return {
      release: (outcome) => {
        if (released) return;
        released = true;
        state.active--;
        if (outcome) this.learn(state, outcome);
        this.pump(state);
      },
    };
  }

  private learn(state: TenantState, outcome: CallOutcome): void {
    const now = this.clock.now();
    const headers = outcome.headers ?? {};
    const read = (name: string, windowMs: number): RemoteBudget | undefined => {
      const value = Number(headers[name]);
      return headers[name] !== undefined && Number.isFinite(value)
        ? { remaining: value, resetAt: now + windowMs }
        : undefined;
    };
    const { minuteMs, dayProbeMs } = this.limits;
    state.remoteMinute = read('x-minlimit-remaining', minuteMs) ?? state.remoteMinute;
    // A spent day is probed again after dayProbeMs, not a whole day later: Xero's window is fixed
    // per tenant and may reset much sooner.
    state.remoteDay = read('x-daylimit-remaining', dayProbeMs) ?? state.remoteDay;
    this.appRemote = read('x-appminlimit-remaining', minuteMs) ?? this.appRemote;
    if (outcome.status === 429) {
      const problem = (headers['x-rate-limit-problem'] ?? '').toLowerCase();
      const pauseMs = outcome.retryAfterMs ?? this.pauseWithoutRetryAfter(problem);
      if (problem.startsWith('app')) this.pauseApp(now + pauseMs);
      else state.pausedUntil = Math.max(state.pausedUntil, now + pauseMs);
      // Xero's Retry-After names the moment the exhausted limit frees up; a spent-budget header
      // on the same answer must not stretch that wait to a whole window.
      if (outcome.retryAfterMs !== undefined) {
        const resetAt = now + outcome.retryAfterMs;
        for (const remote of [state.remoteMinute, state.remoteDay, this.appRemote])
          if (remote) remote.resetAt = Math.min(remote.resetAt, resetAt);
      }
    }
  }

  /** Xero sends Retry-After for the minute and day limits only (reference §3.1). */
  private pauseWithoutRetryAfter(problem: string): number {
    if (problem.startsWith('concurren')) return this.limits.concurrencyBackoffMs;
    if (problem === 'day') return this.limits.dayProbeMs;
    return this.limits.minuteMs;
  }

  private pauseApp(until: number): void {
    this.appPausedUntil = Math.max(this.appPausedUntil, until);
    for (const state of this.tenants.values())
      if (state.queue.length) this.wakeAt(state, this.appPausedUntil);
  }

  private wakeAt(state: TenantState, at: number): void {
    if (state.timerAt !== undefined && state.timerAt <= at) return;
    state.cancelTimer?.();
    state.timerAt = at;
    state.cancelTimer = this.clock.setTimer(() => {
      state.timerAt = undefined;
      state.cancelTimer = undefined;
      this.pump(state);
    }, at - this.clock.now());
  }
}

/** A header said the budget is spent: wait until it has surely reset. */
function remoteWait(remote: RemoteBudget | undefined, now: number): number {
  if (!remote || remote.remaining > 0) return 0;
  return remote.resetAt > now ? remote.resetAt - now : 0;
}
