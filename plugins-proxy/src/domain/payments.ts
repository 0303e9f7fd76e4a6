/**
 * Payments back: a Xero invoice or credit note (PascalCase, with its Payments, CreditNotes or Allocations)
 * → the Dataverse update for the invoice and its stl_payment rows. Pure and total (docs/domain-rules.md).
 */
import { CHOICES, COLUMNS, INVOICE_STATE, SYSTEM_COLUMNS } from '../../../solution/names';
import { xeroDateOnly } from './dates';
import { round2 } from './money';
import { difference } from './totals';

export interface XeroPaymentLike {
  PaymentID?: string;
  Date?: unknown;
  Amount?: number;
  Reference?: string | null;
  Account?: { Code?: string | null; AccountID?: string } | null;
  Status?: string;
}

export interface XeroAllocationLike {
  AllocationID?: string;
  Amount?: number;
  Date?: unknown;
  Invoice?: { InvoiceID?: string; InvoiceNumber?: string | null } | null;
}

export interface XeroCreditLike {
  CreditNoteID?: string;
  CreditNoteNumber?: string | null;
  AppliedAmount?: number;
  Date?: unknown;
}

export interface XeroInvoiceLike {
  InvoiceID?: string;
  CreditNoteID?: string;
  Type?: string;
  Status?: string;
  Total?: number;
  AmountDue?: number;
  AmountPaid?: number;
  AmountCredited?: number;
  RemainingCredit?: number;
  Payments?: XeroPaymentLike[] | null;
  CreditNotes?: XeroCreditLike[] | null;
  Allocations?: XeroAllocationLike[] | null;
}

const P = COLUMNS.payment;
const PS = CHOICES.paymentStatus.values;

export interface PaymentRow {
  [P.xeroPaymentId]: string;
  [P.name]: string;
  [P.paymentDate]: string | null;
  [P.amount]: number;
  [P.reference]: string | null;
  [P.accountCode]: string | null;
  [P.status]: number;
}

/** A stl_payment row Dynamics already has; its last known figures are kept if Xero drops it. */
export interface ExistingPayment {
  [P.xeroPaymentId]: string;
  [P.status]?: number | null;
  [P.name]?: string | null;
  [P.paymentDate]?: string | null;
  [P.amount]?: number | null;
  [P.reference]?: string | null;
  [P.accountCode]?: string | null;
}

const I = COLUMNS.invoice;

export interface DataverseUpdate {
  invoice: {
    [I.amountPaid]: number;
    [I.amountDue]: number;
    [I.xeroStatus]: string;
    [SYSTEM_COLUMNS.invoice.stateCode]: number;
    [SYSTEM_COLUMNS.invoice.statusCode]: number;
  };
  /** Rows to upsert by (connection, stl_xeropaymentid). */
  payments: PaymentRow[];
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const isCredit = (t: string | undefined) => t === 'ACCRECCREDIT' || t === 'ACCPAYCREDIT';

function paymentRows(doc: XeroInvoiceLike): PaymentRow[] {
  const rows: PaymentRow[] = [];
  for (const p of doc.Payments ?? []) {
    if (!p?.PaymentID) continue;
    const amount = round2(num(p.Amount));
    rows.push({
      [P.xeroPaymentId]: p.PaymentID,
      [P.name]: `Payment ${amount}${p.Reference ? ` ${p.Reference}` : ''}`.slice(0, 100),
      [P.paymentDate]: xeroDateOnly(p.Date),
      [P.amount]: amount,
      [P.reference]: p.Reference ?? null,
      [P.accountCode]: p.Account?.Code ?? null,
      [P.status]: p.Status === 'DELETED' ? PS.deleted : PS.authorised,
    });
  }
  for (const c of doc.CreditNotes ?? []) {
    if (!c?.CreditNoteID) continue;
    const amount = round2(num(c.AppliedAmount));
    rows.push(
      creditRow(
        c.CreditNoteID,
        `Credit note ${c.CreditNoteNumber ?? ''}`.trim(),
        c.Date,
        amount,
        c.CreditNoteNumber,
      ),
    );
  }
  for (const a of doc.Allocations ?? []) {
    const id = a?.AllocationID ?? a?.Invoice?.InvoiceID;
    if (!id) continue;
    const amount = round2(num(a.Amount));
    rows.push(
      creditRow(
        id,
        `Allocation ${a.Invoice?.InvoiceNumber ?? ''}`.trim(),
        a.Date,
        amount,
        a.Invoice?.InvoiceNumber,
      ),
    );
  }
  return rows;
}

function creditRow(
  id: string,
  name: string,
  date: unknown,
  amount: number,
  reference?: string | null,
): PaymentRow {
  return {
    [P.xeroPaymentId]: id,
    [P.name]: name.slice(0, 100),
    [P.paymentDate]: xeroDateOnly(date),
    [P.amount]: amount,
    [P.reference]: reference ?? null,
    [P.accountCode]: null,
    [P.status]: PS.authorised,
  };
}

function state(status: string, total: number, settled: number, due: number) {
  if (status === 'VOIDED' || status === 'DELETED') return INVOICE_STATE.canceled;
  if (status === 'PAID' || (due <= 0 && total > 0 && settled > 0)) return INVOICE_STATE.paidComplete;
  if (settled > 0 && due > 0) return INVOICE_STATE.paidPartial;
  return INVOICE_STATE.active;
}

export function mapPayments(input: {
  invoice: XeroInvoiceLike;
  existingPayments?: readonly ExistingPayment[];
}): DataverseUpdate {
  const doc = input.invoice ?? {};
  const status = String(doc.Status ?? '').toUpperCase();
  const total = round2(num(doc.Total));
  let due: number;
  let settled: number;
  if (isCredit(doc.Type)) {
    due = round2(num(doc.RemainingCredit ?? (status === 'PAID' ? 0 : doc.Total)));
    settled = difference(total, due);
  } else {
    due = round2(num(doc.AmountDue ?? doc.Total));
    settled = round2(num(doc.AmountPaid) + num(doc.AmountCredited));
  }
  const rows = paymentRows(doc);
  const seen = new Set(rows.map((r) => r[P.xeroPaymentId].toLowerCase()));
  for (const existing of input.existingPayments ?? []) {
    const id = existing[P.xeroPaymentId];
    if (!id || seen.has(id.toLowerCase()) || existing[P.status] === PS.deleted) continue;
    // The reversal keeps what was paid and when: only the status says the payment is gone.
    rows.push({
      [P.xeroPaymentId]: id,
      [P.name]: existing[P.name] ?? 'Payment removed in Xero',
      [P.paymentDate]: existing[P.paymentDate] ?? null,
      [P.amount]: round2(num(existing[P.amount])),
      [P.reference]: existing[P.reference] ?? null,
      [P.accountCode]: existing[P.accountCode] ?? null,
      [P.status]: PS.deleted,
    });
  }
  const s = state(status, total, settled, due);
  return {
    invoice: {
      [I.amountPaid]: settled,
      [I.amountDue]: due,
      [I.xeroStatus]: status,
      [SYSTEM_COLUMNS.invoice.stateCode]: s.statecode,
      [SYSTEM_COLUMNS.invoice.statusCode]: s.statuscode,
    },
    payments: rows,
  };
}
