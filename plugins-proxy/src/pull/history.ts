/**
 * Sync history rows for the pulls: a new row (a scheduled or webhook pull that changed or failed
 * something), or the update of the row that asked for the work (Refresh reference data).
 */
import { CHOICES, COLUMNS, TABLES } from '../../../solution/names';
import type { BatchRequest } from '../adapters/dataverse/batch';
import { bind, keySegment } from '../adapters/dataverse/odata';
import { MAX_MESSAGE_LENGTH } from '../adapters/dataverse/writeBack';

const HC = COLUMNS.syncHistory;
const MAX_NAME_LENGTH = 100;

export interface HistoryTimings {
  readonly startedOn: Date;
  readonly completedOn: Date;
}

export interface NewHistoryRow {
  readonly name: string;
  readonly connectionId: string;
  readonly invoiceId?: string;
  readonly operation: number;
  readonly trigger: number;
  readonly status: number;
  readonly message: string;
  readonly xeroId?: string;
  readonly xeroNumber?: string;
  readonly timings: HistoryTimings;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function timingColumns(t: HistoryTimings): Record<string, unknown> {
  return {
    [HC.startedOn]: t.startedOn.toISOString(),
    [HC.completedOn]: t.completedOn.toISOString(),
    [HC.durationMs]: Math.max(0, t.completedOn.getTime() - t.startedOn.getTime()),
  };
}

export function historyCreate(row: NewHistoryRow): BatchRequest {
  return {
    method: 'POST',
    url: TABLES.syncHistory.entitySet,
    body: {
      [HC.name]: clip(row.name, MAX_NAME_LENGTH),
      [HC.operation]: row.operation,
      [HC.trigger]: row.trigger,
      [HC.status]: row.status,
      [HC.message]: clip(row.message, MAX_MESSAGE_LENGTH),
      [HC.attempts]: 1,
      ...(row.xeroId ? { [HC.xeroId]: row.xeroId } : {}),
      ...(row.xeroNumber ? { [HC.xeroNumber]: row.xeroNumber } : {}),
      ...timingColumns(row.timings),
      ...bind(TABLES.syncHistory, HC.connectionId, row.connectionId),
      ...(row.invoiceId ? bind(TABLES.syncHistory, HC.invoiceId, row.invoiceId) : {}),
    },
  };
}

/** The requesting row's final status and message. */
export function historyFinish(
  historyId: string,
  status: number,
  message: string,
  timings: HistoryTimings,
): { path: string; body: Record<string, unknown> } {
  return {
    path: keySegment(TABLES.syncHistory, historyId),
    body: { [HC.status]: status, [HC.message]: clip(message, MAX_MESSAGE_LENGTH), ...timingColumns(timings) },
  };
}

export const HISTORY_STATUS = CHOICES.syncHistoryStatus.values;
export const OPERATION = CHOICES.operation.values;
