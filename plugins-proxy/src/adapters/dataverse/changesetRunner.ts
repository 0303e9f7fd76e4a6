/**
 * Sends write-back changesets in `$batch` requests (continue-on-error: one bad invoice fails alone) and
 * reports each one's outcome: a nested group of parts, or one plain part with the failing error.
 */
import { failure, success, type Result } from '../../domain/result';
import { BatchChangeset, BatchPart } from './batch';
import { batchPartError, DataverseClient } from './client';
import { DataverseError } from './errors';

export type ChangesetOutcome = Result<BatchPart[], DataverseError>;

/** Dataverse takes up to 1000 requests per batch. */
export const MAX_REQUESTS_PER_BATCH = 1000;

/** Group flat parts back into one entry per request item, in order. */
export function groupByItem(parts: readonly BatchPart[]): BatchPart[][] {
  const groups: BatchPart[][] = [];
  let current: string | undefined;
  for (const part of parts) {
    if (part.changeset !== undefined && part.changeset === current) {
      groups[groups.length - 1].push(part);
    } else {
      groups.push([part]);
    }
    current = part.changeset;
  }
  return groups;
}

function chunks(changesets: readonly BatchChangeset[]): BatchChangeset[][] {
  const out: BatchChangeset[][] = [];
  let size = 0;
  for (const changeset of changesets) {
    if (out.length === 0 || size + changeset.changeset.length > MAX_REQUESTS_PER_BATCH) {
      out.push([]);
      size = 0;
    }
    out[out.length - 1].push(changeset);
    size += changeset.changeset.length;
  }
  return out;
}

/** Apply changesets; throws only when a whole batch could not be sent (e.g. after retries). */
export async function applyChangesets(
  client: DataverseClient,
  changesets: readonly BatchChangeset[],
): Promise<ChangesetOutcome[]> {
  const outcomes: ChangesetOutcome[] = [];
  for (const chunk of chunks(changesets)) {
    const groups = groupByItem(await client.batch(chunk, { continueOnError: true }));
    chunk.forEach((_, index) => {
      const group = groups[index];
      if (!group) {
        outcomes.push(
          failure(new DataverseError(0, 'missing-part', 'The $batch answer has no part for this changeset')),
        );
        return;
      }
      const error = group.map(batchPartError).find((e) => e !== undefined);
      outcomes.push(error ? failure(error) : success(group));
    });
  }
  return outcomes;
}

/** Apply one changeset and throw its error (the single-invoice write-back). */
export async function applyChangeset(
  client: DataverseClient,
  changeset: BatchChangeset,
): Promise<BatchPart[]> {
  const [outcome] = await applyChangesets(client, [changeset]);
  if (!outcome.ok) throw outcome.failure;
  return outcome.value;
}
