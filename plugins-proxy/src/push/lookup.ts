/**
 * Finding a document a crashed attempt already created (reference/xero-api.md §3.3), many documents in
 * one call per field (docs/architecture.md#look-ups).
 */
import type { CreditNote, Invoice } from 'xero-node';
import { whereString, type XeroGateway } from '../adapters/xero/gateway';
import { toSentDocument, type DocumentKind, type SentDocument } from './sentDocument';

export interface LookupKey {
  kind: DocumentKind;
  /** ACCREC, ACCPAY, ACCRECCREDIT or ACCPAYCREDIT. */
  type: string;
  number?: string;
  reference?: string;
}

const CLOSED = new Set(['DELETED', 'VOIDED']);
/** Xero's GET URL grows with each term; 50 documents stay well under common URL limits. */
const MAX_TERMS = 50;

function live<T extends Invoice | CreditNote>(docs: T[] | undefined): T[] {
  return (docs ?? []).filter((d) => !CLOSED.has(String(d.status)));
}

function chunked<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += MAX_TERMS) out.push(values.slice(i, i + MAX_TERMS));
  return out;
}

const lower = (v: string | undefined | null) => (v ?? '').trim().toLowerCase();

async function invoicesBy(gateway: XeroGateway, connectionId: string, keys: LookupKey[]): Promise<Invoice[]> {
  const found: Invoice[] = [];
  const numbers = [...new Set(keys.map((k) => k.number).filter((n): n is string => !!n))];
  for (const chunk of chunked(numbers)) {
    found.push(
      ...live((await gateway.getInvoices(connectionId, { invoiceNumbers: chunk, page: 1 })).body.invoices),
    );
  }
  const references = [...new Set(keys.filter((k) => !k.number && k.reference).map((k) => k.reference!))];
  for (const chunk of chunked(references)) {
    const where = chunk.map((r) => `Reference==${whereString(r)}`).join(' OR ');
    found.push(...live((await gateway.getInvoices(connectionId, { where, page: 1 })).body.invoices));
  }
  return found;
}

async function creditNotesBy(
  gateway: XeroGateway,
  connectionId: string,
  keys: LookupKey[],
): Promise<CreditNote[]> {
  const terms = keys.flatMap((k) =>
    k.number
      ? [`CreditNoteNumber==${whereString(k.number)}`]
      : k.reference
        ? [`Reference==${whereString(k.reference)}`]
        : [],
  );
  const found: CreditNote[] = [];
  for (const chunk of chunked([...new Set(terms)])) {
    const where = chunk.join(' OR ');
    found.push(...live((await gateway.getCreditNotes(connectionId, { where, page: 1 })).body.creditNotes));
  }
  return found;
}

/** For each key (same order), the live document it names, if Xero has one. */
export async function findExistingDocuments(
  gateway: XeroGateway,
  connectionId: string,
  keys: readonly LookupKey[],
): Promise<(SentDocument | undefined)[]> {
  const searchable = keys.filter((k) => k.number || k.reference);
  if (searchable.length === 0) return keys.map(() => undefined);
  const invoiceKeys = searchable.filter((k) => k.kind === 'invoice');
  const creditKeys = searchable.filter((k) => k.kind === 'creditNote');
  const invoices = invoiceKeys.length ? await invoicesBy(gateway, connectionId, invoiceKeys) : [];
  const credits = creditKeys.length ? await creditNotesBy(gateway, connectionId, creditKeys) : [];
  return keys.map((key) => {
    if (!key.number && !key.reference) return undefined;
    if (key.kind === 'invoice') {
      const match = invoices.find(
        (i) =>
          String(i.type) === key.type &&
          (key.number
            ? lower(i.invoiceNumber) === lower(key.number)
            : lower(i.reference) === lower(key.reference)),
      );
      return match ? toSentDocument('invoice', match) : undefined;
    }
    const match = credits.find(
      (c) =>
        String(c.type) === key.type &&
        (key.number
          ? lower(c.creditNoteNumber) === lower(key.number)
          : lower(c.reference) === lower(key.reference)),
    );
    return match ? toSentDocument('creditNote', match) : undefined;
  });
}
