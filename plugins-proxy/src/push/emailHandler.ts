/**
 * The "Email document" job: Xero emails an already-synced sales invoice, one call with an Idempotency-Key
 * (reference/xero-api.md §3.10); the sync status is left alone (docs/architecture.md).
 */
import type { Logger } from 'pino';
import { CHOICES, COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES } from '../../../solution/names';
import { applyChangesets } from '../adapters/dataverse/changesetRunner';
import type { DataverseClient } from '../adapters/dataverse/client';
import { connectionIdOrDefault } from '../adapters/dataverse/defaultConnection';
import { keySegment, lookupProperty } from '../adapters/dataverse/odata';
import { failureChangeset, operationSucceededChangeset } from '../adapters/dataverse/writeBack';
import type { Job, Store } from '../adapters/store/store';
import type { XeroGateway } from '../adapters/xero/gateway';
import { JobOutcomes, type JobHandler, type JobOutcome } from '../jobs/outcomes';
import { isConnectionNeedsAttention, type ConnectionNeedsAttention } from '../oauth/errors';
import { errorOutcome } from './errorOutcome';
import { emailNote, emailOnce } from './emailOnce';
import { markInProgress } from './preparePush';

export interface EmailDeps {
  dataverse: DataverseClient;
  gateway: XeroGateway;
  /** Records each email before Xero is asked, so a retry never sends it twice. */
  store: Store;
  /** Marks the connection row Needs attention and holds its jobs (connection health). */
  onNeedsAttention?: (error: ConnectionNeedsAttention) => Promise<void>;
  now?: () => Date;
}

const IC = COLUMNS.invoice;
type Row = Record<string, unknown>;

export function createEmailHandler(deps: EmailDeps): JobHandler {
  const now = deps.now ?? (() => new Date());
  return async (job, context) => {
    const startedOn = now();
    const finish = async (messages: string[], ok: boolean): Promise<JobOutcome> => {
      const completedOn = now();
      const changeset = ok
        ? operationSucceededChangeset({
            syncHistoryId: job.id,
            message: messages.join(' '),
            timings: { startedOn, completedOn },
            attempts: job.attempts,
          })
        : failureChangeset({
            syncHistoryId: job.id,
            messages,
            timings: { startedOn, completedOn },
            attempts: job.attempts,
          });
      const [answer] = await applyChangesets(deps.dataverse, [changeset]);
      if (answer && !answer.ok) throw answer.failure;
      return ok ? JobOutcomes.succeeded() : JobOutcomes.failed(messages.join('\n'));
    };
    try {
      await markInProgress(deps.dataverse, job, startedOn);
      return await emailDocument(deps, job, finish, context.logger);
    } catch (error) {
      const outcome = errorOutcome(error);
      if (outcome.type === 'held') {
        if (isConnectionNeedsAttention(error)) await deps.onNeedsAttention?.(error);
        return JobOutcomes.held(outcome.message, outcome.connectionId);
      }
      // Once the attempts are spent the queue writes the final failure (gaveUp.ts).
      if (outcome.type === 'retry') return JobOutcomes.retry(outcome.afterMs, outcome.message);
      return finish(outcome.messages, false);
    }
  };
}

async function emailDocument(
  deps: EmailDeps,
  job: Job,
  finish: (messages: string[], ok: boolean) => Promise<JobOutcome>,
  logger: Logger,
): Promise<JobOutcome> {
  const invoice = job.invoiceId
    ? await deps.dataverse.get<Row>(keySegment(SYSTEM_TABLES.invoice, job.invoiceId), {
        select: [
          SYSTEM_COLUMNS.invoice.invoiceNumber,
          IC.xeroId,
          IC.xeroNumber,
          IC.documentType,
          lookupProperty(IC.connectionId),
        ],
      })
    : null;
  if (!invoice) return finish([`Sync request ${job.id} names no invoice that exists.`], false);
  const label = `Invoice ${String(invoice[SYSTEM_COLUMNS.invoice.invoiceNumber] ?? job.invoiceId)}`;
  const xeroId = typeof invoice[IC.xeroId] === 'string' ? String(invoice[IC.xeroId]) : '';
  if (!xeroId) return finish([`${label} is not in Xero yet: sync it to Xero first, then email it.`], false);
  const type = invoice[IC.documentType] ?? CHOICES.documentType.values.salesInvoice;
  if (type !== CHOICES.documentType.values.salesInvoice)
    return finish([`${label}: Xero emails sales invoices only, not bills or credit notes.`], false);
  const connectionId = await connectionIdOrDefault(
    deps.dataverse,
    invoice[lookupProperty(IC.connectionId)] ?? job.connectionId,
  );
  if (!connectionId)
    return finish([`${label} names no Xero connection: set Connection on the invoice.`], false);
  const attempt = await emailOnce(
    { store: deps.store, gateway: deps.gateway, now: () => (deps.now?.() ?? new Date()).getTime() },
    { syncRowId: job.id, tenantId: job.tenantId, connectionId, xeroId },
  );
  const number = invoice[IC.xeroNumber] ? ` ${String(invoice[IC.xeroNumber])}` : '';
  if (attempt.kind === 'sent' || attempt.kind === 'sentEarlier') {
    logger.info({ xeroId }, 'Xero emailed the invoice');
    return finish([`Xero emailed invoice${number} to the contact.`], true);
  }
  return finish([`${label}: ${emailNote(attempt)}`], false);
}
