/** Row ↔ object conversion shared by both engines (PostgreSQL returns BIGINT as a string). */
import type { IdempotencyRecord, Job, JobKind, JobState, StoredToken } from './store';

export type Row = Record<string, unknown>;

function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function toJob(row: Row): Job {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    tenantId: String(row.tenant_id),
    kind: row.kind as JobKind,
    connectionId: strOrNull(row.connection_id),
    invoiceId: strOrNull(row.invoice_id),
    payload: strOrNull(row.payload),
    state: row.state as JobState,
    attempts: num(row.attempts),
    nextAttemptAt: num(row.next_attempt_at),
    leaseOwner: strOrNull(row.lease_owner),
    leaseExpiresAt: numOrNull(row.lease_expires_at),
    lastError: strOrNull(row.last_error),
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

export function toIdempotency(row: Row): IdempotencyRecord {
  return {
    syncRowId: String(row.sync_row_id),
    tenantId: String(row.tenant_id),
    idempotencyKey: String(row.idempotency_key),
    xeroDocumentId: strOrNull(row.xero_document_id),
    xeroNumber: strOrNull(row.xero_number),
    phase: row.phase as IdempotencyRecord['phase'],
    sentAt: numOrNull(row.sent_at),
    generation: numOrNull(row.key_generation),
    lastAnswer: strOrNull(row.last_answer) as IdempotencyRecord['lastAnswer'],
    updatedAt: num(row.updated_at),
  };
}

export function toToken(row: Row): StoredToken {
  return {
    connectionId: String(row.connection_id),
    tenantId: String(row.tenant_id),
    blob: String(row.blob),
    version: num(row.version),
    updatedAt: num(row.updated_at),
  };
}

/** Error text is stored for people to read; keep a runaway message from bloating the ledger. */
export function clipError(error: string): string {
  return error.length > 4000 ? `${error.slice(0, 3997)}...` : error;
}
