/**
 * The one place a job that ran out of attempts reaches Dynamics: the history row goes to Failed
 * with what to do, and for a push the invoice's sync status goes to Failed, in one changeset.
 * JobQueue calls it (onGaveUp) after failing the job in the store, whichever handler ran it.
 */
import type { Logger } from 'pino';
import { CHOICES, COLUMNS, SYSTEM_TABLES, TABLES } from '../../../solution/names';
import type { BatchChangeset, BatchRequest } from '../adapters/dataverse/batch';
import { applyChangesets } from '../adapters/dataverse/changesetRunner';
import type { DataverseClient } from '../adapters/dataverse/client';
import { keySegment } from '../adapters/dataverse/odata';
import { MAX_MESSAGE_LENGTH } from '../adapters/dataverse/writeBack';
import type { Job } from '../adapters/store/store';
import { gaveUpMessage } from './errorOutcome';

const HC = COLUMNS.syncHistory;
const UPDATE_ONLY = { 'If-Match': '*' };

export function gaveUpChangeset(job: Job, reason: string, completedOn: Date): BatchChangeset {
  const history: BatchRequest = {
    method: 'PATCH',
    url: keySegment(TABLES.syncHistory, job.id),
    headers: UPDATE_ONLY,
    body: {
      [HC.status]: CHOICES.syncHistoryStatus.values.failed,
      [HC.completedOn]: completedOn.toISOString(),
      [HC.message]: gaveUpMessage(job.attempts, reason).slice(0, MAX_MESSAGE_LENGTH),
      [HC.attempts]: job.attempts,
    },
  };
  if (job.kind !== 'push' || !job.invoiceId) return { changeset: [history] };
  const invoice: BatchRequest = {
    method: 'PATCH',
    url: keySegment(SYSTEM_TABLES.invoice, job.invoiceId),
    headers: UPDATE_ONLY,
    body: { [COLUMNS.invoice.syncStatus]: CHOICES.syncStatus.values.failed },
  };
  return { changeset: [invoice, history] };
}

export function createGaveUpWriter(
  dataverse: DataverseClient,
  logger: Logger,
  now: () => Date = () => new Date(),
): (job: Job, reason: string) => Promise<void> {
  return async (job, reason) => {
    try {
      const [answer] = await applyChangesets(dataverse, [gaveUpChangeset(job, reason, now())]);
      if (answer && !answer.ok) throw answer.error;
    } catch (error) {
      // The job is already failed in the store; the row keeps its last state and the log says why.
      logger.error({ err: error, jobId: job.id }, 'could not write the final failure to Dynamics 365');
    }
  };
}
