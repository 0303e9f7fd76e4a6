/**
 * A sync request is a `stl_synchistory` row (the Dataverse row IS the request): the relay learns of
 * it three ways (webhook, nudge, reconciler) and turns it into one job of the kind it asks for.
 */
import { CHOICES } from '../../../solution/names';
import { failure, success, type Result } from './result';

export type JobKind = 'push' | 'email' | 'pullPayments' | 'refreshReference' | 'void';

export interface SyncRequest {
  /** The stl_synchistory id, lower-case. */
  readonly id: string;
  /** A CHOICES.syncHistoryStatus value. */
  readonly status: number;
  /** A CHOICES.operation value; null when the row has none. */
  readonly operation: number | null;
  readonly invoiceId: string | null;
  readonly connectionId: string | null;
  /** The connection's Xero tenant id when the reader knows it. */
  readonly tenantId?: string | null;
}

const KIND_BY_OPERATION = new Map<number, JobKind>([
  [CHOICES.operation.values.pushDocument, 'push'],
  [CHOICES.operation.values.emailDocument, 'email'],
  [CHOICES.operation.values.pullPayments, 'pullPayments'],
  [CHOICES.operation.values.refreshReferenceData, 'refreshReference'],
  [CHOICES.operation.values.voidDocument, 'void'],
]);

/** A row without an operation is a push: that is what the ribbon creates. */
export function jobKindForOperation(operation: number | null): JobKind | null {
  if (operation === null) return 'push';
  return KIND_BY_OPERATION.get(operation) ?? null;
}

export function isQueued(request: Pick<SyncRequest, 'status'>): boolean {
  return request.status === CHOICES.syncHistoryStatus.values.queued;
}

/** The job a row asks for (what the queue stores), or why it asks for none. */
export interface JobRequest {
  readonly id: string;
  readonly kind: JobKind;
  readonly invoiceId: string | null;
  readonly connectionId: string | null;
  readonly tenantId: string;
}

export type JobForRequest = Result<JobRequest>;

/** The job a Queued row asks for, or why it asks for none. */
export function jobForSyncRequest(request: SyncRequest): JobForRequest {
  if (!isQueued(request)) return failure(`sync row ${request.id} is not Queued`);
  const kind = jobKindForOperation(request.operation);
  if (!kind) return failure(`sync row ${request.id} has an unknown operation ${request.operation}`);
  return success({
    id: request.id.toLowerCase(),
    kind,
    invoiceId: request.invoiceId?.toLowerCase() ?? null,
    connectionId: request.connectionId?.toLowerCase() ?? null,
    tenantId: request.tenantId ?? '',
  });
}
