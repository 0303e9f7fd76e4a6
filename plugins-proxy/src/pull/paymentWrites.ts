/**
 * The Dataverse side of a payments pull: which of Xero's documents we synced (invoices matched by
 * stl_xeroid, with an `In` query), their stl_payment rows, and the changeset that brings one
 * invoice in line with Xero, or none when it already is.
 *
 * Dynamics changes an invoice's state only through statecode + statuscode, and a Paid or Canceled
 * invoice is read-only. So the changeset reopens a closed invoice (0/1) before changing its
 * columns, then sets the new state last; Canceled is final and is left alone. The stl_payment
 * upserts and the history row go in the same changeset: all of it happens or none of it does.
 */
import {
  CHOICES,
  COLUMNS,
  INVOICE_STATE,
  STATE_COLUMNS,
  SYSTEM_COLUMNS,
  SYSTEM_TABLES,
  TABLES,
} from '../../../solution/names';
import type { BatchChangeset, BatchRequest } from '../adapters/dataverse/batch';
import type { DataverseClient } from '../adapters/dataverse/client';
import {
  alternateKeySegment,
  and,
  bind,
  eq,
  guid,
  inValues,
  keySegment,
  lookupProperty,
  or,
} from '../adapters/dataverse/odata';
import { mapPayments, type PaymentRow, type XeroPaymentLike } from '../domain/payments';
import { piecesOf } from './batchRequests';
import { historyCreate, HISTORY_STATUS, OPERATION, type HistoryTimings } from './history';
import type { XeroDocument } from './xeroDocuments';

const I = COLUMNS.invoice;
const P = COLUMNS.payment;
const { stateCode, statusCode } = STATE_COLUMNS;
const DELETED = CHOICES.paymentStatus.values.deleted;
const IDS_PER_QUERY = 100;
const UPDATE_ONLY = { 'If-Match': '*' };

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

const moneyDiffers = (a: number | null, b: number) => a === null || Math.abs(a - b) >= 0.005;

function paymentChanged(row: PaymentRow, existing: ExistingPaymentRow | undefined): boolean {
  if (!existing) return true;
  if (row[P.status] === DELETED) return existing.status !== DELETED;
  return (
    existing.status !== row[P.status] ||
    moneyDiffers(existing.amount, row[P.amount]) ||
    existing.paymentDate !== row[P.paymentDate] ||
    (existing.reference ?? null) !== (row[P.reference] ?? null) ||
    (row[P.accountCode] !== null && existing.accountCode !== row[P.accountCode])
  );
}

function paymentUpsert(
  connectionId: string,
  invoiceId: string,
  row: PaymentRow,
  isNew: boolean,
): BatchRequest {
  const key = {
    [lookupProperty(P.connectionId)]: guid(connectionId),
    [P.xeroPaymentId]: row[P.xeroPaymentId],
  };
  // A reversal keeps the amount and date it had: only the status says the payment is gone.
  const columns = row[P.status] === DELETED && !isNew ? { [P.status]: DELETED } : { ...row };
  if (!isNew && row[P.accountCode] === null) delete (columns as Row)[P.accountCode];
  return {
    method: 'PATCH',
    url: alternateKeySegment(TABLES.payment, key),
    body: {
      ...columns,
      ...bind(TABLES.payment, P.connectionId, connectionId),
      ...bind(TABLES.payment, P.invoiceId, invoiceId),
    },
  };
}

export interface DocumentChange {
  readonly changeset: BatchChangeset;
  readonly message: string;
}

/** The changeset for one synced document, or null when Dynamics already shows what Xero has. */
export function documentChange(input: {
  connectionId: string;
  invoice: SyncedInvoice;
  doc: XeroDocument;
  existingPayments: readonly ExistingPaymentRow[];
  /** Full payments from GET /Payments, to fill in what the invoice's summary lacks (account, status). */
  paymentsById: ReadonlyMap<string, XeroPaymentLike>;
  trigger: number;
  timings: HistoryTimings;
}): DocumentChange | null {
  const { invoice, doc, connectionId } = input;
  const enriched = {
    ...doc,
    Payments: (doc.Payments ?? []).map((p) => ({
      ...p,
      ...(p?.PaymentID ? input.paymentsById.get(p.PaymentID.toLowerCase()) : {}),
    })),
  };
  const update = mapPayments({
    invoice: enriched,
    existingPayments: input.existingPayments.map((p) => ({
      [P.xeroPaymentId]: p.xeroPaymentId,
      [P.status]: p.status,
    })),
  });
  const wanted = update.invoice;
  const target = { statecode: wanted[stateCode], statuscode: wanted[statusCode] };
  const existingById = new Map(input.existingPayments.map((p) => [p.xeroPaymentId.toLowerCase(), p]));
  const payments = update.payments.filter((row) =>
    paymentChanged(row, existingById.get(row[P.xeroPaymentId].toLowerCase())),
  );
  const columnsChanged =
    moneyDiffers(invoice.amountPaid, wanted[I.amountPaid]) ||
    moneyDiffers(invoice.amountDue, wanted[I.amountDue]) ||
    invoice.xeroStatus !== wanted[I.xeroStatus];
  const stateChanged = invoice.statecode !== target.statecode || invoice.statuscode !== target.statuscode;
  if (!columnsChanged && !stateChanged && payments.length === 0) return null;
  if (invoice.statecode === INVOICE_STATE.canceled.statecode) return null;

  const path = keySegment(SYSTEM_TABLES.invoice, invoice.id);
  const requests: BatchRequest[] = [];
  const reopen = invoice.statecode !== INVOICE_STATE.active.statecode && (columnsChanged || stateChanged);
  if (reopen)
    requests.push({ method: 'PATCH', url: path, headers: UPDATE_ONLY, body: { ...INVOICE_STATE.active } });
  if (columnsChanged)
    requests.push({
      method: 'PATCH',
      url: path,
      headers: UPDATE_ONLY,
      body: {
        [I.amountPaid]: wanted[I.amountPaid],
        [I.amountDue]: wanted[I.amountDue],
        [I.xeroStatus]: wanted[I.xeroStatus],
      },
    });
  if (target.statecode !== INVOICE_STATE.active.statecode && (stateChanged || reopen))
    requests.push({ method: 'PATCH', url: path, headers: UPDATE_ONLY, body: { ...target } });
  for (const row of payments)
    requests.push(
      paymentUpsert(connectionId, invoice.id, row, !existingById.has(row[P.xeroPaymentId].toLowerCase())),
    );

  const message = describeChange(wanted[I.xeroStatus], wanted[I.amountPaid], wanted[I.amountDue], payments);
  requests.push(
    historyCreate({
      name: `Payments from Xero: ${invoice.number ?? doc.number ?? invoice.xeroId}`,
      connectionId,
      invoiceId: invoice.id,
      operation: OPERATION.pullPayments,
      trigger: input.trigger,
      status: HISTORY_STATUS.succeeded,
      message,
      xeroId: invoice.xeroId,
      xeroNumber: doc.number ?? undefined,
      timings: input.timings,
    }),
  );
  return { changeset: { changeset: requests }, message };
}

function describeChange(status: string, paid: number, due: number, rows: readonly PaymentRow[]): string {
  const recorded = rows.filter((r) => r[P.status] !== DELETED).length;
  const removed = rows.length - recorded;
  const parts = [`Xero status ${status}: amount paid ${paid.toFixed(2)}, amount due ${due.toFixed(2)}.`];
  if (recorded > 0) parts.push(`${recorded} payment or credit row(s) recorded.`);
  if (removed > 0) parts.push(`${removed} payment(s) deleted in Xero reversed.`);
  return parts.join(' ');
}
