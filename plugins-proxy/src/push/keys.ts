/**
 * Deterministic Idempotency-Keys (reference/xero-api.md §3.3: at most 128 characters): the same
 * sync row sends the same key, so Xero replays a retried request instead of repeating it, until the
 * row moves to its next key generation (docs/xero-behaviour.md#idempotency-key).
 */
import { createHash } from 'node:crypto';

export type KeyPurpose = 'document' | 'contact' | 'items' | 'email';

/** e.g. `stl:document:<sync row id>` (53 characters for a GUID), `…:2` from the second generation. */
export function idempotencyKey(purpose: KeyPurpose, syncRowId: string, generation = 1): string {
  const base = `stl:${purpose}:${syncRowId.toLowerCase()}`;
  return generation > 1 ? `${base}:${generation}` : base;
}

/**
 * A batch's key depends only on which rows it carries (and their generations), so a retried batch
 * replays. `generations[i]` belongs to `syncRowIds[i]`; 1 when omitted.
 */
export function batchIdempotencyKey(
  purpose: KeyPurpose,
  syncRowIds: readonly string[],
  generations: readonly number[] = [],
): string {
  const entries = syncRowIds.map((id, i) => {
    const generation = generations[i] ?? 1;
    return generation > 1 ? `${id.toLowerCase()}:${generation}` : id.toLowerCase();
  });
  const digest = createHash('sha256').update(entries.sort().join(',')).digest('hex');
  return `stl:${purpose}:batch:${digest}`;
}
