/**
 * Reads what Dynamics knows of an invoice for one sync request in at most 3 Dataverse requests: the
 * invoice with lines, customer and currency; the default connection when none is named; one $batch.
 */
import { COLUMNS, SYSTEM_COLUMNS, SYSTEM_NAVIGATION, SYSTEM_TABLES } from '../../../../solution/names';
import { failure, success, type Result } from '../../domain/result';
import { xeroSideNotYetRead, type InvoiceSnapshot } from '../../domain/snapshot';
import { DataverseClient } from './client';
import { connectionIdOrDefault } from './defaultConnection';
import { isGuid, keySegment, lookupProperty } from './odata';
import { readReferenceData, stripAnnotations } from './referenceDataReader';
import { SELECT } from './selects';

type Row = Record<string, unknown>;

export interface SnapshotRequest {
  invoiceId: string;
  /** The connection named on the sync row, used when the invoice names none. */
  connectionId?: string | null;
}

export interface XeroSideContext {
  connectionId: string;
  connection: Row;
  invoice: Row;
  customer: Row;
  products: Row[];
  /** stl_xerolink rows of this connection for the customer and the products. */
  links: XeroLinkRef[];
}

export interface XeroLinkRef {
  entity: string;
  recordId: string;
  xeroId: string;
}

/** The snapshot with Xero's side not yet read, and what reading Xero's side needs. */
export interface DynamicsSnapshot {
  snapshot: InvoiceSnapshot;
  xeroSide: XeroSideContext;
}

export interface SnapshotReadFailure {
  reason: 'invoiceNotFound' | 'noCustomer' | 'noConnection';
  message: string;
}

export type SnapshotReadResult = Result<DynamicsSnapshot, SnapshotReadFailure>;

export interface SnapshotReaderOptions {
  client: DataverseClient;
  /** IANA zone for "today" (the organisation's), default UTC. */
  timeZone?: string;
  now?: () => Date;
}

const SC = SYSTEM_COLUMNS;
const NAV = SYSTEM_NAVIGATION.invoice;

export class SnapshotReader {
  constructor(private readonly options: SnapshotReaderOptions) {}

  async read(request: SnapshotRequest): Promise<SnapshotReadResult> {
    const { client } = this.options;
    if (!isGuid(request.invoiceId)) return notFound(request.invoiceId);
    const invoice = await client.get<Row>(keySegment(SYSTEM_TABLES.invoice, request.invoiceId), {
      select: SELECT.invoice,
      expand: [
        { navigation: NAV.details, select: SELECT.invoiceDetail },
        { navigation: NAV.customerAccount, select: SELECT.account },
        { navigation: NAV.customerContact, select: SELECT.contact },
        { navigation: NAV.currency, select: SELECT.currency },
      ],
    });
    if (!invoice) return notFound(request.invoiceId);
    const label = String(invoice[SC.invoice.invoiceNumber] ?? invoice[SC.invoice.name] ?? request.invoiceId);

    const customer = customerOf(invoice);
    if (!customer) {
      return failure({
        reason: 'noCustomer',
        message: `Invoice ${label} has no customer: set Customer and sync again.`,
      });
    }
    const connectionId = await connectionIdOrDefault(
      client,
      invoice[lookupProperty(COLUMNS.invoice.connectionId)] ?? request.connectionId,
    );
    if (!connectionId) {
      return failure({
        reason: 'noConnection',
        message: `Invoice ${label} names no Xero connection and there is no default connection: set Connection on the invoice.`,
      });
    }

    const lines = (invoice[NAV.details] as Row[] | undefined) ?? [];
    const productIds = unique(lines.map((l) => l[lookupProperty(SC.invoiceDetail.productId)]));
    const customerId =
      customer[customer.logicalname === SYSTEM_TABLES.account.logicalName ? SC.account.id : SC.contact.id];
    const reference = await readReferenceData(
      this.options.client,

      connectionId,
      productIds,
      unique([customerId, ...productIds]),
    );
    if (!reference.connection) {
      return failure({
        reason: 'noConnection',
        message: `The Xero connection of invoice ${label} no longer exists.`,
      });
    }

    const cleanInvoice = stripInvoice(invoice, lines);
    const xeroSide: XeroSideContext = {
      connectionId,
      connection: reference.connection,
      invoice: cleanInvoice,
      customer,
      products: reference.products,
      links: reference.links.map(toLinkRef),
    };
    const timeZone = this.options.timeZone ?? 'UTC';
    const currency = invoice[NAV.currency] as Row | null | undefined;
    const snapshot = {
      invoice: cleanInvoice,
      currency: currency
        ? { [SC.transactionCurrency.isoCode]: currency[SC.transactionCurrency.isoCode] }
        : null,
      customer,
      products: reference.products,
      glCodes: reference.glCodes,
      taxRates: reference.taxRates,
      brandingThemes: reference.brandingThemes,
      trackingCategories: reference.trackingCategories,
      trackingOptions: reference.trackingOptions,
      connection: reference.connection,
      defaults: reference.defaults,
      xero: xeroSideNotYetRead(xeroSide.links),
      today: todayIn(timeZone, (this.options.now ?? (() => new Date()))()),
      timeZone,
    };
    return success({ snapshot: snapshot as unknown as InvoiceSnapshot, xeroSide });
  }
}

function toLinkRef(row: Row): XeroLinkRef {
  return {
    entity: String(row[COLUMNS.xeroLink.entity] ?? ''),
    recordId: String(row[COLUMNS.xeroLink.recordId] ?? ''),
    xeroId: String(row[COLUMNS.xeroLink.xeroId] ?? ''),
  };
}

function notFound(invoiceId: string): SnapshotReadResult {
  return failure({
    reason: 'invoiceNotFound',
    message: `Invoice ${invoiceId} was not found in Dynamics 365.`,
  });
}

function customerOf(invoice: Row): Row | undefined {
  const account = invoice[NAV.customerAccount] as Row | null | undefined;
  if (account) return { logicalname: SYSTEM_TABLES.account.logicalName, ...stripAnnotations(account) };
  const contact = invoice[NAV.customerContact] as Row | null | undefined;
  if (contact) return { logicalname: SYSTEM_TABLES.contact.logicalName, ...stripAnnotations(contact) };
  return undefined;
}

/** The invoice columns and lines, without the expanded customer and currency. */
function stripInvoice(invoice: Row, lines: Row[]): Row {
  const out = stripAnnotations(invoice, ['@odata.etag']);
  delete out[NAV.customerAccount];
  delete out[NAV.customerContact];
  delete out[NAV.currency];
  out[NAV.details] = lines.map((l) => stripAnnotations(l));
  return out;
}

function unique(values: unknown[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && isGuid(v)))];
}

export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
