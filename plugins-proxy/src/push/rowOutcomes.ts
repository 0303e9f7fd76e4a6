/**
 * How a push run records each job's end: failures on the history row and the invoice's sync status in
 * one changeset; thrown errors into retry, hold or final failure (docs/architecture.md).
 */
import type { Logger } from 'pino';
import { COLUMNS, TABLES } from '../../../solution/names';
import { applyChangesets } from '../adapters/dataverse/changesetRunner';
import type { DataverseClient } from '../adapters/dataverse/client';
import { keySegment } from '../adapters/dataverse/odata';
import { failureChangeset } from '../adapters/dataverse/writeBack';
import type { Job } from '../adapters/store/store';
import { JobOutcomes, type JobOutcome } from '../jobs/outcomes';
import { isConnectionNeedsAttention, type ConnectionNeedsAttention } from '../oauth/errors';
import { errorOutcome } from './errorOutcome';
import type { PrepareFailure } from './preparePush';

export interface RowOutcomeDeps {
  dataverse: DataverseClient;
  /** Marks the connection row Needs attention and holds its jobs (connection health); best effort. */
  onNeedsAttention?: (error: ConnectionNeedsAttention) => Promise<void>;
  now: () => Date;
  logger: Logger;
}

export class RowOutcomes {
  readonly outcomes = new Map<string, JobOutcome>();
  private readonly marked = new Set<string>();

  constructor(private readonly deps: RowOutcomeDeps) {}

  succeeded(job: Job): void {
    this.outcomes.set(job.id, JobOutcomes.succeeded());
  }

  /** Best effort: tells the row's reader why the job waits; the job's own state is in the store. */
  private async note(job: Job, message: string): Promise<void> {
    try {
      await this.deps.dataverse.update(keySegment(TABLES.syncHistory, job.id), {
        [COLUMNS.syncHistory.message]: message,
      });
    } catch (error) {
      this.deps.logger.warn({ err: error, jobId: job.id }, 'could not note the wait on the sync row');
    }
  }

  /** Writes the failure to the history row and the invoice, and records the final outcome. */
  async fail(failure: PrepareFailure): Promise<void> {
    const changeset = failureChangeset({
      invoiceId: failure.invoiceId,
      syncHistoryId: failure.job.id,
      messages: failure.messages,
      findings: failure.findings,
      timings: { startedOn: failure.startedOn, completedOn: this.deps.now() },
      attempts: failure.job.attempts,
      outcome: failure.outcome,
    });
    try {
      const [answer] = await applyChangesets(this.deps.dataverse, [changeset]);
      if (answer && !answer.ok) throw answer.failure;
      this.outcomes.set(failure.job.id, JobOutcomes.failed(failure.messages.join('\n')));
    } catch (error) {
      this.deps.logger.warn(
        { err: error, jobId: failure.job.id },
        'writing the failure to Dynamics 365 failed',
      );
      const outcome = errorOutcome(error);
      this.outcomes.set(
        failure.job.id,
        outcome.type === 'retry'
          ? JobOutcomes.retry(outcome.afterMs, outcome.message)
          : JobOutcomes.failed(failure.messages.join('\n')),
      );
    }
  }

  /** The connection row shows Needs attention and its jobs are held, once per run. */
  private async markConnection(error: ConnectionNeedsAttention): Promise<void> {
    if (this.marked.has(error.connectionId)) return;
    this.marked.add(error.connectionId);
    await this.deps.onNeedsAttention?.(error);
  }

  /**
   * A thrown error: retry when it is transient (the row stays In progress; once the attempts are
   * spent the queue writes the final failure, see gaveUp.ts), hold for a connection that needs a
   * person, else fail with the service's words.
   */
  async onError(failure: PrepareFailure, error: unknown): Promise<void> {
    const outcome = errorOutcome(error);
    const { job } = failure;
    if (outcome.type === 'held') {
      this.outcomes.set(
        job.id,
        JobOutcomes.held(outcome.message, outcome.connectionId ?? failure.connectionId),
      );
      await this.note(job, `Waiting for the Xero connection: ${outcome.message}`);
      if (isConnectionNeedsAttention(error)) await this.markConnection(error);
      return;
    }
    if (outcome.type === 'retry') {
      this.deps.logger.warn({ jobId: job.id, reason: outcome.message }, 'transient failure; will retry');
      this.outcomes.set(job.id, JobOutcomes.retry(outcome.afterMs, outcome.message));
      return;
    }
    await this.fail({ ...failure, messages: [...failure.messages, ...outcome.messages] });
  }
}
