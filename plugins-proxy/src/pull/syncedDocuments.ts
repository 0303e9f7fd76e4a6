/**
 * Which of Xero's documents we synced: invoices (and credit notes, which are invoices in Dynamics
 * too) matched by stl_xeroid with an `In` query, and their stl_payment rows.
 */
import { COLUMNS, STATE_COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES, TABLES } from '../../../solution/names';
import type { DataverseClient } from '../adapters/dataverse/client';
import { and, eq, guid, inValues, lookupProperty, or } from '../adapters/dataverse/odata';
import { piecesOf } from './batchRequests';

const I = COLUMNS.invoice;
const P = COLUMNS.payment;
const { stateCode, statusCode } = STATE_COLUMNS;
const IDS_PER_QUERY = 100;

type Row = Record<string, unknown>;

export interface SyncedInvoice {
  readonly id: string;
  readonly number: string | null;
  readonly xeroId: string;
  readonly amountPaid: number | null;
  readonly amountDue: number | null;
  readonly xeroStatus: string | null;
  readonly statecode: number;
  readonly statuscode: number;
}

export interface ExistingPaymentRow {
  readonly invoiceId: string;
  readonly xeroPaymentId: string;
  readonly name?: string | null;
  readonly status: number | null;
  readonly amount: number | null;
  readonly paymentDate: string | null;
  readonly reference: string | null;
  readonly accountCode: string | null;
}

const num = (v: unknown) => (typeof v === 'number' ? v : null);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The invoices whose stl_xeroid is one of `xeroIds`, of this connection or of none (sent through
 * the default connection), keyed by lower-cased Xero id.
 */
export async function readSyncedInvoices(
  client: DataverseClient,
  connectionId: string,
  xeroIds: readonly string[],
): Promise<Map<string, SyncedInvoice>> {
  const found = new Map<string, SyncedInvoice>();
  for (const piece of piecesOf([...new Set(xeroIds)], IDS_PER_QUERY)) {
    const rows = await client.query<Row>(SYSTEM_TABLES.invoice.entitySet, {
      select: [
        SYSTEM_TABLES.invoice.primaryId,
        SYSTEM_COLUMNS.invoice.invoiceNumber,
        I.xeroId,
        I.xeroNumber,
        I.amountPaid,
        I.amountDue,
        I.xeroStatus,
        stateCode,
        statusCode,
      ],
      // An invoice without a connection was sent through the default one; Xero ids are unique anyway.
      filter: and(
        or(eq(lookupProperty(I.connectionId), guid(connectionId)), eq(lookupProperty(I.connectionId), null)),
        inValues(I.xeroId, piece),
      ),
    });
    for (const row of rows) {
      const xeroId = String(row[I.xeroId]);
      found.set(xeroId.toLowerCase(), {
        id: String(row[SYSTEM_TABLES.invoice.primaryId]).toLowerCase(),
        number: str(row[I.xeroNumber]) ?? str(row[SYSTEM_COLUMNS.invoice.invoiceNumber]),
        xeroId,
        amountPaid: num(row[I.amountPaid]),
        amountDue: num(row[I.amountDue]),
        xeroStatus: str(row[I.xeroStatus]),
        statecode: num(row[stateCode]) ?? 0,
        statuscode: num(row[statusCode]) ?? 1,
      });
    }
  }
  return found;
}

/** stl_payment rows of these invoices, by invoice id. */
export async function readPaymentRows(
  client: DataverseClient,
  connectionId: string,
  invoiceIds: readonly string[],
): Promise<Map<string, ExistingPaymentRow[]>> {
  const byInvoice = new Map<string, ExistingPaymentRow[]>();
  for (const piece of piecesOf(invoiceIds, IDS_PER_QUERY)) {
    const rows = await client.query<Row>(TABLES.payment.entitySet, {
      select: [
        lookupProperty(P.invoiceId),
        P.xeroPaymentId,
        P.name,
        P.status,
        P.amount,
        P.paymentDate,
        P.reference,
        P.accountCode,
      ],
      filter: and(
        eq(lookupProperty(P.connectionId), guid(connectionId)),
        inValues(lookupProperty(P.invoiceId), piece),
      ),
    });
    for (const row of rows) {
      const invoiceId = String(row[lookupProperty(P.invoiceId)]).toLowerCase();
      const list = byInvoice.get(invoiceId) ?? [];
      list.push({
        invoiceId,
        xeroPaymentId: String(row[P.xeroPaymentId]),
        name: str(row[P.name]),
        status: num(row[P.status]),
        amount: num(row[P.amount]),
        paymentDate: str(row[P.paymentDate])?.slice(0, 10) ?? null,
        reference: str(row[P.reference]),
        accountCode: str(row[P.accountCode]),
      });
      byInvoice.set(invoiceId, list);
    }
  }
  return byInvoice;
}
