/**
 * The durable job queue over the store: one job per sync row, leased to one worker at a time,
 * retried with backoff up to a limit, then failed with a message saying what to do.
 */
import type { ClaimFilter, Job, NewJob, Store } from '../adapters/store/store';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff';
import { systemClock, type Clock } from './clock';

export interface JobQueueOptions {
  /** Claims before a job is given up (default 8). A worker crash counts as an attempt too. */
  readonly maxAttempts?: number;
  /** How long a claim lasts without renewal (default 60 s); a crashed worker's jobs come back after it. */
  readonly leaseMs?: number;
  readonly backoff?: BackoffPolicy;
  readonly clock?: Clock;
  readonly random?: () => number;
  /**
   * Called once a job has used its attempts and is failed in the store, with the last error: the
   * relay writes the final failure to the Dataverse row here, for every kind of job.
   */
  readonly onGaveUp?: (job: Job, reason: string) => Promise<void>;
}

export type EnqueueListener = (job: NewJob) => void;

export type RetryResult =
  | { readonly retried: true; readonly nextAttemptAt: number }
  | { readonly retried: false; readonly failed: boolean };

export class JobQueue {
  readonly maxAttempts: number;
  readonly leaseMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly listeners = new Set<EnqueueListener>();
  private readonly onGaveUp?: (job: Job, reason: string) => Promise<void>;

  constructor(
    readonly store: Store,
    options: JobQueueOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.onGaveUp = options.onGaveUp;
  }

  /** Called after a new job is stored, so a worker can start at once instead of at its next poll. */
  onEnqueued(listener: EnqueueListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stores the job unless it exists; true when it was new. */
  async enqueue(job: NewJob): Promise<boolean> {
    const created = await this.store.enqueueJob(job, this.clock.now());
    if (created) for (const listener of this.listeners) listener(job);
    return created;
  }

  /**
   * Claims due jobs for `owner`. A job already claimed maxAttempts times (its workers kept
   * crashing) is failed here rather than run again.
   */
  async claim(owner: string, limit: number, filter?: ClaimFilter): Promise<Job[]> {
    const now = this.clock.now();
    const claimed = await this.store.claimJobs(owner, limit, this.leaseMs, now, filter);
    const runnable: Job[] = [];
    for (const job of claimed) {
      if (job.attempts > this.maxAttempts) {
        const last = job.lastError ? ` The last error was: ${job.lastError}` : '';
        const failed = await this.store.failJob(
          job.id,
          owner,
          `Gave up after ${this.maxAttempts} attempts; the worker stopped each time.${last}`,
          now,
        );
        if (failed) await this.onGaveUp?.(job, `the worker stopped each time.${last}`);
      } else {
        runnable.push(job);
      }
    }
    return runnable;
  }

  renew(job: Job, owner: string): Promise<boolean> {
    return this.store.renewLease(job.id, owner, this.leaseMs, this.clock.now());
  }

  complete(job: Job, owner: string): Promise<boolean> {
    return this.store.completeJob(job.id, owner, this.clock.now());
  }

  fail(job: Job, owner: string, message: string): Promise<boolean> {
    return this.store.failJob(job.id, owner, message, this.clock.now());
  }

  hold(job: Job, owner: string, reason: string, connectionId?: string): Promise<boolean> {
    return this.store.holdJob(job.id, owner, reason, this.clock.now(), connectionId);
  }

  /**
   * Schedules another attempt after the backoff (never sooner than `retryAfterMs`), or fails the
   * job when it has used its attempts; the failure message says so and keeps the last error.
   */
  async retry(job: Job, owner: string, message: string, retryAfterMs = 0): Promise<RetryResult> {
    const now = this.clock.now();
    if (job.attempts >= this.maxAttempts) {
      const failed = await this.store.failJob(
        job.id,
        owner,
        `Gave up after ${job.attempts} attempts: ${message} Queue the sync again once the cause is fixed.`,
        now,
      );
      if (failed) await this.onGaveUp?.(job, message);
      return { retried: false, failed };
    }
    const nextAttemptAt = now + retryDelayMs(job.attempts, this.backoff, retryAfterMs, this.random);
    const retried = await this.store.retryJob(job.id, owner, nextAttemptAt, message, now);
    return retried ? { retried: true, nextAttemptAt } : { retried: false, failed: false };
  }
}
