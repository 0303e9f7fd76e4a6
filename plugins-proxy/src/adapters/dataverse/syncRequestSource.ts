/**
 * Reads stl_synchistory rows with the relay's own identity: the row is the request, so a nudge or
 * webhook only says "look now" and the relay acts on what Dataverse holds.
 */
import { AUDIT_COLUMNS, CHOICES, COLUMNS, TABLES } from '../../../../solution/names';
import { DataverseClient } from './client';
import { eq, isGuid, keySegment, lookupProperty } from './odata';
import { SELECT } from './selects';
import type { SyncRequest } from '../../domain/syncRequest';

const HC = COLUMNS.syncHistory;

/** Where the relay reads sync rows (the Dataverse row is the request), with its own identity. */
export interface SyncRequestSource {
  /** The row as Dataverse has it now, or null when it does not exist (or the relay may not read it). */
  get(id: string): Promise<SyncRequest | null>;
  /** Rows whose status is Queued, oldest first, for the reconciler. */
  listQueued(): Promise<SyncRequest[]>;
}

/** A sync row as the queue sees it (domain/syncRequest.ts), plus what the worker reads from it. */
export interface SyncRequestRow extends SyncRequest {
  readonly attempts: number;
  readonly idempotencyKey: string | null;
}

type Row = Record<string, unknown>;

function toSyncRequest(row: Row): SyncRequestRow {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const choice = (value: unknown) => (typeof value === 'number' ? value : null);
  return {
    id: String(row[TABLES.syncHistory.primaryId]).toLowerCase(),
    status: Number(row[HC.status]),
    operation: choice(row[HC.operation]),
    invoiceId: text(row[lookupProperty(HC.invoiceId)])?.toLowerCase() ?? null,
    connectionId: text(row[lookupProperty(HC.connectionId)])?.toLowerCase() ?? null,
    attempts: Number(row[HC.attempts] ?? 0) || 0,
    idempotencyKey: text(row[HC.idempotencyKey]),
  };
}

export class DataverseSyncRequestSource implements SyncRequestSource {
  constructor(private readonly client: DataverseClient) {}

  /** The row, or null when the id is not a GUID or no such row exists. */
  async get(id: string): Promise<SyncRequestRow | null> {
    if (!isGuid(id)) return null;
    const row = await this.client.get<Row>(keySegment(TABLES.syncHistory, id), {
      select: SELECT.syncHistory,
    });
    return row ? toSyncRequest(row) : null;
  }

  /** Queued rows, oldest first (the reconciler's safety net). */
  async listQueued(options: { top?: number } = {}): Promise<SyncRequestRow[]> {
    const rows = await this.client.query<Row>(
      TABLES.syncHistory.entitySet,
      {
        select: SELECT.syncHistory,
        filter: eq(HC.status, CHOICES.syncHistoryStatus.values.queued),
        orderby: `${AUDIT_COLUMNS.createdOn} asc`,
      },
      { maxPageSize: options.top ?? 500, maxPages: options.top ? 1 : undefined },
    );
    return rows.map(toSyncRequest);
  }
}
