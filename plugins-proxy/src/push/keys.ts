/**
 * Deterministic Idempotency-Keys (reference/xero-api.md §3.3: at most 128 characters): the same
 * sync row always sends the same key, so Xero replays a retried request instead of repeating it.
 */
import { createHash } from 'node:crypto';

export type KeyPurpose = 'document' | 'contact' | 'items' | 'email';

/** e.g. `stl:document:<sync row id>`: 53 characters for a GUID. */
export function idempotencyKey(purpose: KeyPurpose, syncRowId: string): string {
  return `stl:${purpose}:${syncRowId.toLowerCase()}`;
}

/** A batch's key depends only on which rows it carries, so a retried batch replays. */
export function batchIdempotencyKey(purpose: KeyPurpose, syncRowIds: readonly string[]): string {
  const digest = createHash('sha256')
    .update(
      [...syncRowIds]
        .map((id) => id.toLowerCase())
        .sort()
        .join(','),
    )
    .digest('hex');
  return `stl:${purpose}:batch:${digest}`;
}
