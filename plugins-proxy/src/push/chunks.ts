/**
 * Batches of documents within Xero's request limits (reference/xero-api.md §3.1): "batch elements in
 * bundles of up to 50", and "a size limit of 3.5MB" per request, measured on the serialised body.
 */
export const MAX_DOCUMENTS_PER_CALL = 50;
/** A little under Xero's 3.5 MB: the request's envelope and separators add a few bytes. */
export const MAX_REQUEST_BYTES = 3_400_000;

export function serialisedBytes(model: unknown): number {
  return Buffer.byteLength(JSON.stringify(model) ?? '', 'utf8');
}

/**
 * Consecutive chunks of at most `maxCount` items and `maxBytes` serialised bytes; an item larger
 * than `maxBytes` on its own is left out and returned in `oversized`.
 */
export function chunkBySize<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  maxCount = MAX_DOCUMENTS_PER_CALL,
  maxBytes = MAX_REQUEST_BYTES,
): { chunks: T[][]; oversized: T[] } {
  const chunks: T[][] = [];
  const oversized: T[] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item) + 1;
    if (size > maxBytes) {
      oversized.push(item);
      continue;
    }
    if (current.length && (current.length >= maxCount || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return { chunks, oversized };
}
