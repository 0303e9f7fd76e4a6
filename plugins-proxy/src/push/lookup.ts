/**
 * Finding the document an earlier send of a row created, and never another one
 * (docs/xero-behaviour.md#look-ups): asked only for rows the ledger says may have been sent, and
 * matched on the relay's marker plus the same type, contact, date and total.
 */
import type { CreditNote, Invoice } from 'xero-node';
import type { XeroGateway } from '../adapters/xero/gateway';
import { parseXeroDate } from '../domain';
import { creditNoteQueries, invoiceQueries } from './lookupQueries';
import { toSentDocument, type DocumentKind, type SentDocument } from './sentDocument';

export interface LookupTarget {
  kind: DocumentKind;
  /** ACCREC, ACCPAY, ACCRECCREDIT or ACCPAYCREDIT. */
  type: string;
  number?: string;
  reference?: string;
  /** The Dynamics record's URL the relay put in the invoice's Url. */
  url?: string;
  contactId?: string;
  /** YYYY-MM-DD. */
  date?: string;
  total?: number;
  /** When the row was first sent: a document Xero last changed before then is not its own. */
  sentAt?: number;
}

export type LookupResult =
  { kind: 'found'; document: SentDocument } | { kind: 'none' } | { kind: 'ambiguous'; numbers: string[] };

const CLOSED = new Set(['DELETED', 'VOIDED']);
/** Xero rounds per line; a cent or two of difference from our own sum is still the same document. */
const TOTAL_TOLERANCE = 0.05;
/** Clocks differ: a document stamped a little before our first send may still be ours. */
const CLOCK_MARGIN_MS = 10 * 60_000;

type XeroDocument = Invoice | CreditNote;

const lower = (v: string | undefined | null) => (v ?? '').trim().toLowerCase();

function fields(doc: XeroDocument, kind: DocumentKind) {
  const invoice = doc as Invoice;
  const note = doc as CreditNote;
  return {
    number: kind === 'invoice' ? invoice.invoiceNumber : note.creditNoteNumber,
    url: kind === 'invoice' ? invoice.url : undefined,
    updated: parseXeroDate(doc.updatedDateUTC),
  };
}

/** Our marker: the Url when the document carries one (it then must be ours), else our number or Reference. */
function marked(doc: XeroDocument, target: LookupTarget): boolean {
  const { number, url } = fields(doc, target.kind);
  if (target.url && url) return url === target.url;
  if (target.number) return lower(number) === lower(target.number);
  if (target.reference) return lower(doc.reference) === lower(target.reference);
  return false;
}

function matches(doc: XeroDocument, target: LookupTarget): boolean {
  if (CLOSED.has(String(doc.status)) || String(doc.type) !== target.type) return false;
  if (target.contactId && lower(doc.contact?.contactID) !== lower(target.contactId)) return false;
  if (target.date && parseXeroDate(doc.date)?.slice(0, 10) !== target.date) return false;
  // Xero always answers a Total; a fake that leaves it out is not told apart by it.
  if (
    target.total !== undefined &&
    doc.total != null &&
    Math.abs(Number(doc.total) - target.total) > TOTAL_TOLERANCE
  )
    return false;
  if (target.kind === 'creditNote' && target.sentAt !== undefined) {
    // Credit notes have no createdByMyApp: one untouched since before our first send is not ours.
    const updated = fields(doc, 'creditNote').updated;
    if (!updated || Date.parse(updated) < target.sentAt - CLOCK_MARGIN_MS) return false;
  }
  return marked(doc, target);
}

function since(targets: readonly LookupTarget[]): Date | undefined {
  const times = targets.map((t) => t.sentAt);
  if (times.some((t) => t === undefined)) return undefined;
  return new Date(Math.min(...(times as number[])) - CLOCK_MARGIN_MS);
}

async function candidates(
  gateway: XeroGateway,
  connectionId: string,
  kind: DocumentKind,
  targets: LookupTarget[],
): Promise<XeroDocument[]> {
  const modifiedSince = since(targets);
  const found: XeroDocument[] = [];
  if (kind === 'invoice') {
    for (const query of invoiceQueries(targets))
      // Only invoices this app created: one entered in Xero by a person is never ours.
      found.push(
        ...((
          await gateway.getInvoices(connectionId, { ...query, createdByMyApp: true, modifiedSince, page: 1 })
        ).body.invoices ?? []),
      );
  } else {
    for (const where of creditNoteQueries(targets))
      found.push(
        ...((await gateway.getCreditNotes(connectionId, { where, modifiedSince, page: 1 })).body
          .creditNotes ?? []),
      );
  }
  return found;
}

/** For each target (same order): the one document that is its own, none, or several that could be. */
export async function findOwnDocuments(
  gateway: XeroGateway,
  connectionId: string,
  targets: readonly LookupTarget[],
): Promise<LookupResult[]> {
  const pool = new Map<DocumentKind, XeroDocument[]>();
  for (const kind of ['invoice', 'creditNote'] as const) {
    const ofKind = targets.filter((t) => t.kind === kind);
    if (ofKind.length) pool.set(kind, await candidates(gateway, connectionId, kind, ofKind));
  }
  const owned = targets.map((target) => {
    const byId = new Map<string, XeroDocument>();
    for (const doc of pool.get(target.kind) ?? [])
      if (matches(doc, target)) byId.set(toSentDocument(target.kind, doc).xeroId, doc);
    return [...byId.entries()];
  });
  // A document two rows could claim is neither's: which one Xero holds is a person's call.
  const claims = new Map<string, number>();
  for (const own of owned) for (const [id] of own) claims.set(id, (claims.get(id) ?? 0) + 1);
  return targets.map((target, i): LookupResult => {
    const own = owned[i];
    if (own.length === 0) return { kind: 'none' };
    if (own.length > 1 || (claims.get(own[0][0]) ?? 0) > 1)
      return { kind: 'ambiguous', numbers: own.map(([, d]) => String(fields(d, target.kind).number ?? '')) };
    return { kind: 'found', document: toSentDocument(target.kind, own[0][1]) };
  });
}
