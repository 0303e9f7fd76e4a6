/** Words for the choice values the CLI prints. */
import { CHOICES, INVOICE_STATE } from '../../solution/names';

function invert(values: Record<string, number>, words: Record<string, string>): Record<number, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [value, words[key] ?? key]));
}

export const DOCUMENT_TYPE = invert(CHOICES.documentType.values, {
  salesInvoice: 'Sales invoice',
  purchaseInvoice: 'Bill',
  salesCreditNote: 'Sales credit note',
  purchaseCreditNote: 'Purchase credit note',
});

export const SYNC_STATUS = invert(CHOICES.syncStatus.values, {
  notSynced: 'Not synced',
  queued: 'Queued',
  synced: 'Synced',
  failed: 'Failed',
  outOfDate: 'Out of date',
});

export const HISTORY_STATUS = invert(CHOICES.syncHistoryStatus.values, {
  queued: 'Queued',
  inProgress: 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  skipped: 'Skipped',
  needsReview: 'Needs review',
});

export function invoiceState(statecode: unknown, statuscode: unknown): string {
  const match = Object.entries(INVOICE_STATE).find(
    ([, s]) => s.statecode === statecode && s.statuscode === statuscode,
  );
  const words: Record<string, string> = {
    active: 'Active',
    paidComplete: 'Paid (complete)',
    paidPartial: 'Paid (partial)',
    canceled: 'Canceled',
  };
  return match ? words[match[0]] : `statecode ${String(statecode)} / statuscode ${String(statuscode)}`;
}

export function label(words: Record<number, string>, value: unknown): string {
  return typeof value === 'number' ? (words[value] ?? String(value)) : '';
}
