/**
 * The changeset that brings one synced invoice (or credit note) in line with Xero, or none when it
 * already is: reopen, change, then set the state last (docs/architecture.md#the-payments-pull).
 */
import {
  CHOICES,
  COLUMNS,
  INVOICE_STATE,
  STATE_COLUMNS,
  SYSTEM_TABLES,
  TABLES,
} from '../../../solution/names';
import type { BatchChangeset, BatchRequest } from '../adapters/dataverse/batch';
import { alternateKeySegment, bind, guid, keySegment, lookupProperty } from '../adapters/dataverse/odata';
import { mapPayments, type PaymentRow, type XeroPaymentLike } from '../domain/payments';
import type { ExistingPaymentRow, SyncedInvoice } from './syncedDocuments';
import { historyCreate, HISTORY_STATUS, OPERATION, type HistoryTimings } from './history';
import type { XeroDocument } from './xeroDocuments';

const I = COLUMNS.invoice;
const P = COLUMNS.payment;
const { stateCode, statusCode } = STATE_COLUMNS;
const DELETED = CHOICES.paymentStatus.values.deleted;
const UPDATE_ONLY = { 'If-Match': '*' };

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
  const columns: Record<string, unknown> = { ...row };
  if (!isNew && row[P.accountCode] === null) delete columns[P.accountCode];
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
      [P.name]: p.name,
      [P.paymentDate]: p.paymentDate,
      [P.amount]: p.amount,
      [P.reference]: p.reference,
      [P.accountCode]: p.accountCode,
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
