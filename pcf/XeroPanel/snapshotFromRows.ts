/**
 * Web API rows → the invoice snapshot the relay's mapper takes. The browser cannot see Xero, so the
 * Xero side holds only Dataverse's stl_xerolink rows: contacts and items stay empty, and the
 * findings that depend on them are left to the relay (XERO_SIDE_FINDINGS in the domain's findings.ts).
 */
import { COLUMNS, SYSTEM_COLUMNS, SYSTEM_NAVIGATION, SYSTEM_TABLES } from '../../solution/names';
import type { InvoiceSnapshot } from '../../plugins-proxy/src/domain/snapshot';

export type Row = Record<string, unknown>;

/** What dataSource.ts reads: the invoice (lines, customer and currency expanded) and its connection's data. */
export interface PanelRows {
  readonly invoice: Row;
  readonly connection: Row;
  readonly defaults: Row | null;
  readonly products: readonly Row[];
  readonly glCodes: readonly Row[];
  readonly taxRates: readonly Row[];
  readonly brandingThemes: readonly Row[];
  readonly trackingCategories: readonly Row[];
  readonly trackingOptions: readonly Row[];
  readonly links: readonly Row[];
}

const SC = SYSTEM_COLUMNS;
const NAV = SYSTEM_NAVIGATION.invoice;

/** Drops `@odata.*` and `@OData.*` annotations (etags, formatted values): the mapper reads raw values. */
export function withoutAnnotations(row: Row): Row {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !key.includes('@')));
}

/** The expanded customer, tagged with its table as the snapshot's discriminated union needs. */
export function customerOf(invoice: Row): Row | undefined {
  const account = invoice[NAV.customerAccount] as Row | null | undefined;
  if (account) return { logicalname: SYSTEM_TABLES.account.logicalName, ...withoutAnnotations(account) };
  const contact = invoice[NAV.customerContact] as Row | null | undefined;
  if (contact) return { logicalname: SYSTEM_TABLES.contact.logicalName, ...withoutAnnotations(contact) };
  return undefined;
}

function invoiceWithLines(invoice: Row): Row {
  const out = withoutAnnotations(invoice);
  delete out[NAV.customerAccount];
  delete out[NAV.customerContact];
  delete out[NAV.currency];
  const lines = (invoice[NAV.details] as Row[] | undefined) ?? [];
  out[NAV.details] = lines.map(withoutAnnotations);
  return out;
}

function isoCurrency(invoice: Row): string | undefined {
  const currency = invoice[NAV.currency] as Row | null | undefined;
  const code = currency?.[SC.transactionCurrency.isoCode];
  return typeof code === 'string' && code ? code : undefined;
}

/** The date in the user's zone as YYYY-MM-DD (the relay uses the organisation's zone). */
export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function snapshotFromRows(rows: PanelRows, today: string, timeZone: string): InvoiceSnapshot {
  const code = isoCurrency(rows.invoice);
  const connection = withoutAnnotations(rows.connection);
  const snapshot = {
    invoice: invoiceWithLines(rows.invoice),
    currency: code ? { [SC.transactionCurrency.isoCode]: code } : null,
    customer: customerOf(rows.invoice),
    products: rows.products.map(withoutAnnotations),
    glCodes: rows.glCodes.map(withoutAnnotations),
    taxRates: rows.taxRates.map(withoutAnnotations),
    brandingThemes: rows.brandingThemes.map(withoutAnnotations),
    trackingCategories: rows.trackingCategories.map(withoutAnnotations),
    trackingOptions: rows.trackingOptions.map(withoutAnnotations),
    connection,
    defaults: rows.defaults ? withoutAnnotations(rows.defaults) : null,
    xero: {
      // The organisation's currencies are only known to the relay: the invoice's own currency stands in
      // as the base, so the browser never reports a currency problem that Xero may not have.
      organisation: {
        name: String(connection[COLUMNS.connection.tenantName] ?? connection[COLUMNS.connection.name] ?? ''),
        baseCurrency: code ?? '',
        multiCurrency: true,
      },
      contacts: [],
      items: [],
      links: rows.links.map((link) => ({
        entity: String(link[COLUMNS.xeroLink.entity] ?? ''),
        recordId: String(link[COLUMNS.xeroLink.recordId] ?? ''),
        xeroId: String(link[COLUMNS.xeroLink.xeroId] ?? ''),
      })),
    },
    today,
    timeZone,
  };
  return snapshot as unknown as InvoiceSnapshot;
}
