/**
 * Independent writes sent as `$batch` requests of at most 1000 parts, continue-on-error, so one
 * bad row fails alone; answers the messages of the parts that failed.
 */
import type { BatchRequest } from '../adapters/dataverse/batch';
import { batchPartError, type DataverseClient } from '../adapters/dataverse/client';
import { MAX_REQUESTS_PER_BATCH } from '../adapters/dataverse/changesetRunner';

export interface BatchFailure {
  readonly url: string;
  readonly message: string;
}

export async function sendRequests(
  client: DataverseClient,
  requests: readonly BatchRequest[],
): Promise<BatchFailure[]> {
  const failures: BatchFailure[] = [];
  for (let start = 0; start < requests.length; start += MAX_REQUESTS_PER_BATCH) {
    const chunk = requests.slice(start, start + MAX_REQUESTS_PER_BATCH);
    const parts = await client.batch(chunk, { continueOnError: true });
    chunk.forEach((request, index) => {
      const part = parts[index];
      const error = part ? batchPartError(part) : new Error('The $batch answer has no part for this request');
      if (error) failures.push({ url: request.url, message: error.message });
    });
  }
  return failures;
}

/** Splits a list into pieces of at most `size` (long `In` filters, one batch per piece). */
export function piecesOf<T>(items: readonly T[], size: number): T[][] {
  const pieces: T[][] = [];
  for (let start = 0; start < items.length; start += size) pieces.push(items.slice(start, start + size));
  return pieces;
}
