/**
 * Which connection a new invoice job belongs to when its sync row names none: the invoice's, else
 * the organisation's default connection. The queue stores it on the job, so a job held while
 * the connection needs attention is released by that connection's reconnect (releaseHeldJobs
 * matches jobs by connection) and bulk runs group by the real connection.
 */
import { COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES, TABLES } from '../../../solution/names';
import type { DataverseClient } from '../adapters/dataverse/client';
import { and, eq, keySegment, lookupProperty } from '../adapters/dataverse/odata';
import type { NewJob } from '../adapters/store/store';

type Row = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value.toLowerCase() : null);

export function createConnectionResolver(
  dataverse: DataverseClient,
): (job: NewJob) => Promise<string | null> {
  const invoiceConnection = lookupProperty(COLUMNS.invoice.connectionId);
  return async (job) => {
    if (!job.invoiceId) return null;
    const invoice = await dataverse.get<Row>(keySegment(SYSTEM_TABLES.invoice, job.invoiceId), {
      select: [invoiceConnection],
    });
    const named = text(invoice?.[invoiceConnection]);
    if (named || !invoice) return named;
    const [row] = await dataverse.query<Row>(TABLES.connection.entitySet, {
      select: [TABLES.connection.primaryId],
      filter: and(eq(COLUMNS.connection.isDefault, true), eq(SYSTEM_COLUMNS.stateCode, 0)),
      top: 1,
    });
    return text(row?.[TABLES.connection.primaryId]);
  };
}
