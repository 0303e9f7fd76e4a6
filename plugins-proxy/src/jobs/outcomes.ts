/**
 * What a job handler reports back, and the one place an outcome becomes a queue transition.
 * Handlers return outcomes for everything they understand and throw only on bugs (retried).
 */
import type { Logger } from 'pino';
import type { Job } from '../adapters/store/store';
import type { JobQueue } from './jobQueue';

export type JobOutcome =
  | { readonly type: 'succeeded' }
  /** Final: the job will not run again. `message` is for people (it ends on the history row). */
  | { readonly type: 'failed'; readonly message: string }
  /** Transient (429, 5xx, timeout): try again after at least `afterMs` (Retry-After), with backoff. */
  | { readonly type: 'retry'; readonly afterMs: number; readonly message: string }
  /**
   * Cannot run until someone acts (e.g. reconnect Xero); released by that connection's reconnect,
   * so a job that named no connection records the one it resolved to.
   */
  | { readonly type: 'held'; readonly message: string; readonly connectionId?: string };

export const JobOutcomes = {
  succeeded: (): JobOutcome => ({ type: 'succeeded' }),
  failed: (message: string): JobOutcome => ({ type: 'failed', message }),
  retry: (afterMs: number, message: string): JobOutcome => ({ type: 'retry', afterMs, message }),
  held: (message: string, connectionId?: string): JobOutcome => ({ type: 'held', message, connectionId }),
};

export interface JobContext {
  /** Aborted when this worker lost the job's lease (it expired and another worker took it over). */
  readonly signal: AbortSignal;
  /** Bound to jobId, invoiceId and tenantId. */
  readonly logger: Logger;
  /** The lease owner, for handlers that claim companion jobs (bulk batches) under the same owner. */
  readonly owner: string;
}

export type JobHandler = (job: Job, context: JobContext) => Promise<JobOutcome>;

/** Stores the outcome as the job's next state; a missing outcome (the handler lost it) is retried. */
export async function applyOutcome(
  queue: JobQueue,
  job: Job,
  owner: string,
  outcome: JobOutcome,
  logger: Logger,
): Promise<void> {
  switch (outcome.type) {
    case 'succeeded':
      await queue.complete(job, owner);
      logger.info({ attempts: job.attempts }, 'job succeeded');
      return;
    case 'failed':
      await queue.fail(job, owner, outcome.message);
      logger.warn({ attempts: job.attempts, reason: outcome.message }, 'job failed');
      return;
    case 'held':
      await queue.hold(job, owner, outcome.message, outcome.connectionId);
      logger.warn({ reason: outcome.message }, 'job held');
      return;
    case 'retry': {
      const result = await queue.retry(job, owner, outcome.message, outcome.afterMs);
      logger.warn({ attempts: job.attempts, reason: outcome.message, ...result }, 'job will be retried');
      return;
    }
  }
}

/**
 * Renews the jobs' leases every third of the lease while work runs; `onLost` hears of a job whose
 * lease another worker took over. Returns the function that stops renewing.
 */
export function keepLeases(
  queue: JobQueue,
  jobs: readonly Job[],
  owner: string,
  logger: Logger,
  onLost?: (job: Job) => void,
  everyMs = Math.max(1, Math.floor(queue.leaseMs / 3)),
): () => void {
  if (jobs.length === 0) return () => undefined;
  const timer = setInterval(() => {
    for (const job of jobs) {
      queue.renew(job, owner).then(
        (held) => {
          if (!held) onLost?.(job);
        },
        (error: unknown) => logger.warn({ err: error, jobId: job.id }, 'renewing a lease failed'),
      );
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
