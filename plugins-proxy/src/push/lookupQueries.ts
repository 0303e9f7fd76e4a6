/**
 * The queries a look-up sends (reference/xero-api.md §3.4): explicit `InvoiceNumbers` lists where
 * Xero has them, since "for faster response times we recommend using these explicit parameters
 * instead of passing OR conditions into the Where filter", and short OR'd `where` filters otherwise.
 */
import { orFilters, whereString, type InvoiceQuery } from '../adapters/xero/gateway';
import type { LookupTarget } from './lookup';

/** Explicit lists go in the URL; 50 values keep it well under common URL limits. */
const MAX_LIST_VALUES = 50;

function chunked<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

export function invoiceQueries(targets: readonly LookupTarget[]): InvoiceQuery[] {
  // InvoiceNumbers is a comma-separated list, so a number with a comma in it goes in a where term.
  const listed = [
    ...new Set(targets.flatMap((t) => (t.number && !t.number.includes(',') ? [t.number] : []))),
  ];
  const terms = targets.flatMap((t) =>
    t.number
      ? t.number.includes(',')
        ? [`InvoiceNumber==${whereString(t.number)}`]
        : []
      : t.reference
        ? [`Reference==${whereString(t.reference)}`]
        : [],
  );
  const queries: InvoiceQuery[] = [
    ...chunked(listed, MAX_LIST_VALUES).map((invoiceNumbers) => ({ invoiceNumbers })),
    ...orFilters(terms).map((where) => ({ where })),
  ];
  // A target with neither number nor reference is found by its Url among the app's recent invoices.
  if (targets.some((t) => !t.number && !t.reference)) queries.push({});
  return queries;
}

export function creditNoteQueries(targets: readonly LookupTarget[]): string[] {
  return orFilters(
    targets.flatMap((t) =>
      t.number
        ? [`CreditNoteNumber==${whereString(t.number)}`]
        : t.reference
          ? [`Reference==${whereString(t.reference)}`]
          : [],
    ),
  );
}
