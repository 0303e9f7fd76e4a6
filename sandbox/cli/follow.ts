/**
 * Follows sync history rows to a final status, printing each status change as it happens
 * (Queued → In progress → Succeeded / Failed). Polls the row; gives up after a bound.
 */
import type { DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import { CHOICES, COLUMNS, TABLES } from '../../solution/names';
import { HISTORY_STATUS, label } from './labels';

const HS = CHOICES.syncHistoryStatus.values;
export const FINAL_STATUSES = new Set<number>([HS.succeeded, HS.failed, HS.skipped, HS.needsReview]);
const HC = COLUMNS.syncHistory;

export type HistoryRow = Record<string, unknown>;

export interface FollowOptions {
  readonly timeoutMs?: number;
  readonly pollMs?: number;
  readonly onStatus?: (rowId: string, status: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with each row's last state; rows not final by the deadline come back as they are. */
export async function followRows(
  client: DataverseClient,
  rowIds: readonly string[],
  options: FollowOptions = {},
): Promise<Map<string, HistoryRow>> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const last = new Map<string, HistoryRow>();
  const seen = new Map<string, number>();
  for (;;) {
    for (const id of rowIds) {
      if (FINAL_STATUSES.has(Number(last.get(id)?.[HC.status]))) continue;
      const row = await client.get<HistoryRow>(`${TABLES.syncHistory.entitySet}(${id})`, {
        select: [HC.status, HC.message, HC.details, HC.xeroNumber, HC.xeroId, HC.attempts],
      });
      if (!row) continue;
      last.set(id, row);
      const status = Number(row[HC.status]);
      if (seen.get(id) !== status) {
        seen.set(id, status);
        options.onStatus?.(id, label(HISTORY_STATUS, status));
      }
    }
    const open = rowIds.filter((id) => !FINAL_STATUSES.has(Number(last.get(id)?.[HC.status])));
    if (open.length === 0 || Date.now() > deadline) return last;
    await sleep(options.pollMs ?? 200);
  }
}

export function isSucceeded(row: HistoryRow | undefined): boolean {
  return Number(row?.[HC.status]) === HS.succeeded;
}
