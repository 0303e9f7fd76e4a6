/**
 * A sync request is a `stl_synchistory` row: the Dataverse row IS the request (DESIGN §3). The
 * relay learns of it three ways (webhook, nudge, reconciler) and turns it into one job. The
 * Dataverse adapter implements SyncRequestSource by reading rows with the relay's own identity.
 */
import { CHOICES } from '../../../solution/names';
import type { JobKind, NewJob } from '../adapters/store/store';
import { failure, success, type Result } from '../domain/result';

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

export interface SyncRequestSource {
  /** The row as Dataverse has it now, or null when it does not exist (or the relay may not read it). */
  get(id: string): Promise<SyncRequest | null>;
  /** Rows whose status is Queued, oldest first, for the reconciler. */
  listQueued(): Promise<SyncRequest[]>;
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

/** The job, or why the row asks for none. */
export type JobForRequest = Result<NewJob>;

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
