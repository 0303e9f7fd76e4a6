/**
 * What the relay keeps of a document Xero holds: enough for the write-back (id, number, status,
 * amounts) whether it was just created, updated, or found by a look-up after a crash.
 */
import type { CreditNote, Invoice } from 'xero-node';

export type DocumentKind = 'invoice' | 'creditNote';

export interface SentDocument {
  kind: DocumentKind;
  xeroId: string;
  type: string;
  number?: string;
  status?: string;
  amountDue?: number;
  amountPaid?: number;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function toSentDocument(kind: DocumentKind, doc: Invoice | CreditNote): SentDocument {
  if (kind === 'invoice') {
    const i = doc as Invoice;
    return {
      kind,
      xeroId: String(i.invoiceID),
      type: String(i.type),
      number: i.invoiceNumber ?? undefined,
      status: i.status !== undefined ? String(i.status) : undefined,
      amountDue: num(i.amountDue),
      amountPaid: num(i.amountPaid),
    };
  }
  const c = doc as CreditNote;
  const total = num(c.total);
  const remaining = num(c.remainingCredit);
  return {
    kind,
    xeroId: String(c.creditNoteID),
    type: String(c.type),
    number: c.creditNoteNumber ?? undefined,
    status: c.status !== undefined ? String(c.status) : undefined,
    amountDue: remaining,
    amountPaid:
      total !== undefined && remaining !== undefined
        ? Math.round((total - remaining) * 100) / 100
        : undefined,
  };
}
