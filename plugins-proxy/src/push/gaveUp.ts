/**
 * The one place a job that ran out of attempts reaches Dynamics (JobQueue's onGaveUp), for every
 * kind of job: the history row, and a push's invoice, go to Failed in one changeset.
 */
import type { Logger } from 'pino';
import { applyChangesets } from '../adapters/dataverse/changesetRunner';
import type { DataverseClient } from '../adapters/dataverse/client';
import { gaveUpChangeset } from '../adapters/dataverse/writeBack';
import type { Job } from '../adapters/store/store';
import { gaveUpMessage } from './errorOutcome';

export function createGaveUpWriter(
  dataverse: DataverseClient,
  logger: Logger,
  now: () => Date = () => new Date(),
): (job: Job, reason: string) => Promise<void> {
  return async (job, reason) => {
    const changeset = gaveUpChangeset({
      syncHistoryId: job.id,
      invoiceId: job.kind === 'push' ? (job.invoiceId ?? undefined) : undefined,
      message: gaveUpMessage(job.attempts, reason),
      completedOn: now(),
      attempts: job.attempts,
    });
    try {
      const [answer] = await applyChangesets(dataverse, [changeset]);
      if (answer && !answer.ok) throw answer.failure;
    } catch (error) {
      // The job is already failed in the store; the row keeps its last state and the log says why.
      logger.error({ err: error, jobId: job.id }, 'could not write the final failure to Dynamics 365');
    }
  };
}
