/**
 * The one place a job that ran out of attempts reaches Dynamics (JobQueue's onGaveUp), for every
 * kind of job: the history row, and a push's invoice, go to Failed in one changeset.
 */
import type { Logger } from 'pino';
import { applyChangesets } from '../adapters/dataverse/changesetRunner';
import type { DataverseClient } from '../adapters/dataverse/client';
import { gaveUpChangeset } from '../adapters/dataverse/writeBack';
import type { Job, Store } from '../adapters/store/store';
import { gaveUpMessage, type GaveUpLedger } from './errorOutcome';

/** What the send ledger says of a push job's document (docs/xero-behaviour.md#exactly-once). */
export async function gaveUpLedger(
  store: Pick<Store, 'getIdempotency'> | undefined,
  job: Job,
): Promise<GaveUpLedger> {
  if (job.kind !== 'push' || !store) return 'noDocument';
  const record = await store.getIdempotency(job.id);
  if (!record) return 'nothingSent';
  if (record.xeroDocumentId) return 'inXeroOnce';
  // A look-up found nothing before each resend, so a refused last send leaves nothing in Xero.
  return record.lastAnswer === 'refused' ? 'notInXero' : 'maybeInXero';
}

export function createGaveUpWriter(
  dataverse: DataverseClient,
  logger: Logger,
  now: () => Date = () => new Date(),
  store?: Pick<Store, 'getIdempotency'>,
): (job: Job, reason: string) => Promise<void> {
  return async (job, reason) => {
    const ledger = await gaveUpLedger(store, job).catch(
      () => (job.kind === 'push' ? 'maybeInXero' : 'noDocument') as GaveUpLedger,
    );
    const changeset = gaveUpChangeset({
      syncHistoryId: job.id,
      invoiceId: job.kind === 'push' ? (job.invoiceId ?? undefined) : undefined,
      message: gaveUpMessage(job.attempts, reason, ledger),
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
