/**
 * What a job handler reports back to the worker loop. Handlers return outcomes for everything
 * they understand (including Xero's refusals) and throw only on bugs; a throw is retried like a
 * transient failure, and its details go to the log, not to the user.
 */
import type { Logger } from 'pino';
import type { Job } from '../adapters/store/store';

export type JobOutcome =
  | { readonly type: 'succeeded' }
  /** Final: the job will not run again. `message` is for people (it ends on the history row). */
  | { readonly type: 'failed'; readonly message: string }
  /** Transient (429, 5xx, timeout): try again after at least `afterMs` (Retry-After), with backoff. */
  | { readonly type: 'retry'; readonly afterMs: number; readonly message: string }
  /** Cannot run until someone acts (e.g. reconnect Xero); released by releaseHeldJobs. */
  | { readonly type: 'held'; readonly message: string };

export const JobOutcomes = {
  succeeded: (): JobOutcome => ({ type: 'succeeded' }),
  failed: (message: string): JobOutcome => ({ type: 'failed', message }),
  retry: (afterMs: number, message: string): JobOutcome => ({ type: 'retry', afterMs, message }),
  held: (message: string): JobOutcome => ({ type: 'held', message }),
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
