/**
 * Claims jobs up to the concurrency limit and runs the handler on each, renewing its lease and applying
 * its outcome; claims again when a slot frees or a job is enqueued. stop() lets running jobs finish.
 */
import type { Logger } from 'pino';
import type { ClaimFilter, Job } from '../adapters/store/store';
import { withIds } from '../logger';
import type { MetricsRegistry } from '../metrics';
import { applyOutcome, keepLeases, JobOutcomes, type JobHandler, type JobOutcome } from './outcomes';
import type { JobQueue } from './jobQueue';

export interface WorkerLoopOptions {
  readonly queue: JobQueue;
  readonly handler: JobHandler;
  /** Unique per process (e.g. host:pid:random): the lease owner. */
  readonly owner: string;
  readonly concurrency: number;
  readonly logger: Logger;
  readonly metrics?: MetricsRegistry;
  /** How often to look for due jobs when nothing announced any (default 1 s). */
  readonly pollIntervalMs?: number;
  /** How often to renew a running job's lease (default a third of the lease). */
  readonly renewEveryMs?: number;
  readonly filter?: ClaimFilter;
}

export type SettledListener = (job: Job, outcome: JobOutcome | { readonly type: 'crashed' }) => void;

const UNEXPECTED = 'The relay hit an unexpected error; it will try again.';

export class WorkerLoop {
  private readonly running = new Map<string, Promise<void>>();
  private readonly listeners = new Set<SettledListener>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private currentTick: Promise<void> = Promise.resolve();
  private tickAgain = false;
  private stopped = true;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: WorkerLoopOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    // setImmediate: the route's reply goes out before this worker starts claiming.
    this.unsubscribe = this.options.queue.onEnqueued(() => setImmediate(() => this.poke()));
    this.poke();
  }

  /** Looks for work now rather than at the next poll. */
  poke(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.currentTick = this.tick();
  }

  /** Called after each job's outcome is stored (tests await these instead of sleeping). */
  onSettled(listener: SettledListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get runningCount(): number {
    return this.running.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // A claim in flight may still hand over jobs; they are leased to us, so run them to the end.
    await this.currentTick;
    await Promise.allSettled([...this.running.values()]);
  }

  private async tick(): Promise<void> {
    this.ticking = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      do {
        this.tickAgain = false;
        const free = this.options.concurrency - this.running.size;
        if (free <= 0 || this.stopped) break;
        const jobs = await this.options.queue.claim(this.options.owner, free, this.options.filter);
        for (const job of jobs) this.launch(job);
        if (jobs.length === free) this.tickAgain = true;
      } while (this.tickAgain && !this.stopped);
    } catch (error) {
      this.options.logger.error({ err: error }, 'claiming jobs failed; will retry at the next poll');
    } finally {
      this.ticking = false;
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => this.poke(), this.options.pollIntervalMs ?? 1000);
      this.timer.unref();
    }
  }

  private launch(job: Job): void {
    const run = this.runJob(job).finally(() => {
      this.running.delete(job.id);
      this.poke();
    });
    this.running.set(job.id, run);
  }

  private async runJob(job: Job): Promise<void> {
    const { queue, owner, handler } = this.options;
    const logger = withIds(this.options.logger, {
      jobId: job.id,
      invoiceId: job.invoiceId,
      tenantId: job.tenantId,
    });
    const lease = new AbortController();
    const stopRenewing = keepLeases(
      queue,
      [job],
      owner,
      logger,
      () => {
        if (lease.signal.aborted) return;
        logger.warn('lost the lease on a running job; another worker owns it now');
        lease.abort();
      },
      this.options.renewEveryMs,
    );
    const started = Date.now();
    let outcome: JobOutcome | { readonly type: 'crashed' };
    try {
      outcome = await handler(job, { signal: lease.signal, logger, owner });
    } catch (error) {
      logger.error({ err: error }, 'job handler threw');
      outcome = { type: 'crashed' };
    } finally {
      stopRenewing();
    }
    try {
      await applyOutcome(
        queue,
        job,
        owner,
        outcome.type === 'crashed' ? JobOutcomes.retry(0, UNEXPECTED) : outcome,
        logger,
      );
    } catch (error) {
      logger.error(
        { err: error },
        'recording a job outcome failed; the lease will expire and the job run again',
      );
    }
    this.options.metrics
      ?.counter('relay_jobs_processed_total', 'Jobs processed by outcome', ['org_id', 'kind', 'outcome'])
      .inc({ org_id: job.orgId, kind: job.kind, outcome: outcome.type });
    this.options.metrics
      ?.histogram('relay_job_duration_ms', 'Time a job ran, in milliseconds', ['org_id', 'kind'])
      .observe({ org_id: job.orgId, kind: job.kind }, Date.now() - started);
    for (const listener of this.listeners) listener(job, outcome);
  }
}
