import { EventEmitter } from 'node:events';
import { errors, type DataverseError } from './errors';

/**
 * Service protection limits per user (reference/dataverse-webapi.md §1.9): requests over a sliding
 * window (6000 / 300 s) and concurrent requests (52). Thresholds are settable for tests.
 */
export interface LimitThresholds {
  requestsPerWindow: number;
  windowSeconds: number;
  concurrentRequests: number;
}

export const DEFAULT_LIMITS: LimitThresholds = {
  requestsPerWindow: 6000,
  windowSeconds: 300,
  concurrentRequests: 52,
};

export class ServiceProtection {
  thresholds: LimitThresholds = { ...DEFAULT_LIMITS };
  private readonly recent = new Map<string, number[]>();
  private readonly inFlight = new Map<string, number>();
  private readonly admitted = new EventEmitter();

  /** Resolves once `count` requests are in flight at the same time (for concurrency tests). */
  whenInFlight(count: number): Promise<void> {
    const total = () => [...this.inFlight.values()].reduce((a, b) => a + b, 0);
    if (total() >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (total() < count) return;
        this.admitted.off('admit', check);
        resolve();
      };
      this.admitted.on('admit', check);
    });
  }

  set(partial: Partial<LimitThresholds>): LimitThresholds {
    this.thresholds = { ...this.thresholds, ...partial };
    return this.thresholds;
  }

  reset(): void {
    this.thresholds = { ...DEFAULT_LIMITS };
    this.recent.clear();
    this.inFlight.clear();
  }

  /** Admits a request, returning its release function, or the 429 to answer with. */
  admit(userId: string, now = Date.now()): { release: () => void } | { error: DataverseError } {
    const { requestsPerWindow, windowSeconds, concurrentRequests } = this.thresholds;
    const inFlight = this.inFlight.get(userId) ?? 0;
    if (inFlight >= concurrentRequests) return { error: errors.concurrencyLimit(concurrentRequests) };
    const windowMs = windowSeconds * 1000;
    const times = (this.recent.get(userId) ?? []).filter((t) => t > now - windowMs);
    if (times.length >= requestsPerWindow) {
      this.recent.set(userId, times);
      const retryAfter = Math.max(1, Math.ceil((times[0] + windowMs - now) / 1000));
      return { error: errors.requestLimit(requestsPerWindow, windowSeconds, retryAfter) };
    }
    times.push(now);
    this.recent.set(userId, times);
    this.inFlight.set(userId, inFlight + 1);
    this.admitted.emit('admit');
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.inFlight.set(userId, (this.inFlight.get(userId) ?? 1) - 1);
      },
    };
  }
}

/** A fault to inject into data calls: an error status, a delay, or both. */
export interface FaultRule {
  status?: number;
  delayMs?: number;
  /** Applies to this many matching requests, then is removed. */
  count?: number;
  /** Applies to this share of matching requests (0..1). */
  ratio?: number;
  /** Only requests whose path matches this regular expression. */
  path?: string;
  retryAfterSeconds?: number;
}

export class FaultInjector {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): FaultRule[] {
    this.rules.push({ ...rule });
    return this.rules;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules;
  }

  /** The fault for this request, if any; counted rules are used up. */
  next(path: string, random = Math.random): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.path && !new RegExp(rule.path).test(path)) continue;
      if (rule.ratio !== undefined && random() >= rule.ratio) continue;
      if (rule.count !== undefined) {
        rule.count -= 1;
        if (rule.count <= 0) this.rules = this.rules.filter((r) => r !== rule);
      }
      return rule;
    }
    return undefined;
  }
}

export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  userId?: string;
}

/** The request log the admin endpoint reads: recent entries and counts per method and entity set. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private counts: Record<string, number> = {};
  private total = 0;

  record(entry: LoggedRequest): void {
    this.total += 1;
    const set = /^\/api\/data\/v[\d.]+\/([^(/?]*)/.exec(entry.path)?.[1] ?? entry.path.split('?')[0];
    const key = `${entry.method} ${set}`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    this.entries.push(entry);
    if (this.entries.length > 1000) this.entries.shift();
  }

  snapshot(): { total: number; counts: Record<string, number>; entries: LoggedRequest[] } {
    return { total: this.total, counts: { ...this.counts }, entries: [...this.entries] };
  }

  clear(): void {
    this.entries = [];
    this.counts = {};
    this.total = 0;
  }
}
