/**
 * Xero's per-tenant limits (reference/xero-api.md §3.1) shared by every relay process on one store: the
 * local limiter plus a sending slot and a minute token per call (docs/architecture.md#the-shared-limiter).
 */
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store';
import { systemClock, sleep, type Clock } from './clock';
import { XeroError } from './errors';
import { XeroRateLimiter, type CallOutcome, type Permit, type XeroLimits } from './limiter';

/** Longer than the gateway's 30 s call timeout, so only a dead process's slot expires. */
const SLOT_TTL_MS = 45_000;
const SLOT_POLL_MS = 5;

export interface SharedXeroRateLimiterOptions {
  store: Store;
  limits?: Partial<XeroLimits>;
  clock?: Clock;
  /**
   * Longest shared pause a call sits through (default 60 s, as the gateway's); a longer one (a
   * spent day) rejects with a retryable rate-limit error, so the job is rescheduled and no worker
   * sleeps for hours.
   */
  maxWaitMs?: number;
}

export class SharedXeroRateLimiter extends XeroRateLimiter {
  private readonly store: Store;
  private readonly sharedClock: Clock;
  private readonly owner = randomBytes(6).toString('hex');
  private readonly maxWaitMs: number;
  private calls = 0;

  constructor(options: SharedXeroRateLimiterOptions) {
    super({ limits: options.limits, clock: options.clock });
    this.store = options.store;
    this.sharedClock = options.clock ?? systemClock;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  override async acquire(tenantId: string): Promise<Permit> {
    const local = await super.acquire(tenantId);
    try {
      // Owners are per call: the store's tryLock lets an owner retake its own lock.
      const owner = `${this.owner}:${++this.calls}`;
      const slot = await this.takeSlot(tenantId, owner);
      await this.takeMinuteToken(tenantId, owner);
      let released = false;
      return {
        release: (outcome?: CallOutcome) => {
          if (released) return;
          released = true;
          local.release(outcome);
          // A failed unlock (store gone) only leaves the slot to its ttl.
          this.afterCall(tenantId, slot, owner, outcome).catch(() => undefined);
        },
      };
    } catch (error) {
      local.release();
      throw error;
    }
  }

  private async afterCall(
    tenantId: string,
    slot: string,
    owner: string,
    outcome: CallOutcome | undefined,
  ): Promise<void> {
    const now = this.sharedClock.now();
    try {
      if (outcome?.status === 429) {
        const until = now + (outcome.retryAfterMs ?? this.limits.minuteMs);
        // The app-wide minute limit is every tenant's: one pause for all of them.
        const app = (outcome.headers?.['x-rate-limit-problem'] ?? '').toLowerCase().startsWith('app');
        await this.store.setCursor(
          app ? APP_PAUSE : pauseName(tenantId),
          String(until),
          now,
          app ? '' : tenantId,
        );
      }
    } finally {
      await this.store.unlock(slot, owner);
    }
  }

  private async waitOutSharedPause(tenantId: string): Promise<void> {
    for (;;) {
      const until = Math.max(
        Number((await this.store.getCursor(pauseName(tenantId))) ?? 0),
        Number((await this.store.getCursor(APP_PAUSE)) ?? 0),
      );
      const wait = until - this.sharedClock.now();
      if (!(wait > 0)) return;
      if (wait > this.maxWaitMs) {
        throw new XeroError({
          kind: 'rateLimit',
          status: 429,
          messages: [
            `Xero's rate limit is spent (another relay was told so); try again in ${Math.ceil(wait / 1000)} s`,
          ],
          retryable: true,
          retryAfterMs: wait,
          problem: 'shared',
        });
      }
      await sleep(this.sharedClock, wait);
    }
  }

  /** One of maxConcurrent slots, tried from a random start so processes do not collide on slot 0. */
  private async takeSlot(tenantId: string, owner: string): Promise<string> {
    const slots = this.limits.maxConcurrent;
    for (;;) {
      await this.waitOutSharedPause(tenantId);
      const start = Math.floor(Math.random() * slots);
      for (let i = 0; i < slots; i++) {
        const name = `xero-slot:${tenantId}:${(start + i) % slots}`;
        if (await this.store.tryLock(name, owner, SLOT_TTL_MS, this.sharedClock.now())) return name;
      }
      await sleep(this.sharedClock, SLOT_POLL_MS);
    }
  }

  /** Call n takes token n mod perMinute, which frees one minute after call n - perMinute took it. */
  private async takeMinuteToken(tenantId: string, owner: string): Promise<void> {
    const { perMinute, minuteMs } = this.limits;
    const now = this.sharedClock.now();
    const turn = await this.store.incrementCounter(`xero-minute-turn:${tenantId}`, now, 1, tenantId);
    const name = `xero-minute:${tenantId}:${turn % perMinute}`;
    const poll = Math.max(1, Math.floor(minuteMs / perMinute / 2));
    while (!(await this.store.tryLock(name, owner, minuteMs, this.sharedClock.now()))) {
      await sleep(this.sharedClock, poll);
    }
  }
}

const APP_PAUSE = 'xero-app-paused-until';

function pauseName(tenantId: string): string {
  return `xero-paused-until:${tenantId}`;
}

/**
 * The limiter a relay uses: shared through the store when it is PostgreSQL (the only store
 * several relays can share), the process-local one otherwise.
 */
export function createXeroRateLimiter(store: Store, limits?: Partial<XeroLimits>): XeroRateLimiter {
  return store.dialect === 'postgres'
    ? new SharedXeroRateLimiter({ store, limits })
    : new XeroRateLimiter({ limits });
}
