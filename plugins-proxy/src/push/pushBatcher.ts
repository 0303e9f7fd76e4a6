/**
 * Bulk: push jobs claimed together run together, grouped by connection after a short gathering window,
 * with that connection's queued push jobs as companions (docs/architecture.md#batching-and-push-runs).
 */
import type { Logger } from 'pino';
import type { Job } from '../adapters/store/store';
import {
  applyOutcome,
  keepLeases,
  JobOutcomes,
  type JobContext,
  type JobHandler,
  type JobOutcome,
} from '../jobs/outcomes';
import type { JobQueue } from '../jobs/jobQueue';

export type RunJobs = (jobs: readonly Job[], logger: Logger) => Promise<Map<string, JobOutcome>>;

export interface PushBatcherOptions {
  queue: JobQueue;
  run: RunJobs;
  /** How long the first job of a group waits for others (default 100 ms). */
  windowMs?: number;
  /** Most jobs in one run (default 500: ten Xero calls of 50). */
  maxJobs?: number;
}

interface Waiting {
  job: Job;
  context: JobContext;
  resolve: (outcome: JobOutcome) => void;
}

const LOST = 'The relay lost track of this job; it will try again.';

export class PushBatcher {
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly windowMs: number;
  private readonly maxJobs: number;

  constructor(private readonly options: PushBatcherOptions) {
    this.windowMs = options.windowMs ?? 100;
    this.maxJobs = options.maxJobs ?? 500;
  }

  readonly handle: JobHandler = (job, context) =>
    new Promise<JobOutcome>((resolve) => {
      this.waiting.push({ job, context, resolve });
      this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
    });

  private async flush(): Promise<void> {
    this.timer = null;
    const waiting = this.waiting;
    this.waiting = [];
    const groups = new Map<string, Waiting[]>();
    for (const w of waiting) {
      const key = w.job.connectionId ?? '';
      groups.set(key, [...(groups.get(key) ?? []), w]);
    }
    await Promise.all(
      [...groups.entries()].map(([connectionId, group]) => this.runGroup(connectionId, group)),
    );
  }

  private async runGroup(connectionId: string, group: Waiting[]): Promise<void> {
    const { owner, logger } = group[0].context;
    let companions: Job[] = [];
    let stopRenewing = () => undefined as void;
    try {
      const room = this.maxJobs - group.length;
      if (room > 0) {
        companions = await this.options.queue.claim(owner, room, {
          kinds: ['push'],
          ...(connectionId ? { connectionId } : {}),
        });
      }
      // The worker loop renews the jobs it claimed; companions are renewed here while the run lasts.
      stopRenewing = keepLeases(this.options.queue, companions, owner, logger);
      const jobs = [...group.map((w) => w.job), ...companions];
      if (jobs.length > 1) logger.info({ jobs: jobs.length, connectionId }, 'bulk push');
      const outcomes = await this.options.run(jobs, logger);
      // Companions first: when the worker loop records the handled jobs, the whole run is recorded.
      for (const job of companions) await this.apply(job, owner, outcomes.get(job.id), logger);
      for (const w of group) w.resolve(outcomes.get(w.job.id) ?? JobOutcomes.retry(0, LOST));
    } catch (error) {
      logger.error({ err: error }, 'a push run failed unexpectedly');
      for (const job of companions) await this.apply(job, owner, undefined, logger);
      for (const w of group) w.resolve(JobOutcomes.retry(0, LOST));
    } finally {
      stopRenewing();
    }
  }

  private async apply(
    job: Job,
    owner: string,
    outcome: JobOutcome | undefined,
    logger: Logger,
  ): Promise<void> {
    try {
      await applyOutcome(this.options.queue, job, owner, outcome ?? JobOutcomes.retry(0, LOST), logger);
    } catch (error) {
      logger.error({ err: error, jobId: job.id }, 'recording a companion job outcome failed');
    }
  }
}
