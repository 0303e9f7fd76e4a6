// Payments (reference/xero-api.md §3.8): against an approved invoice or credit note, into a BANK
// account or one with EnablePaymentsToAccount, never above the amount outstanding. Deleting a payment
// restores the amount due (and an invoice's AUTHORISED status).
import { randomUUID } from 'node:crypto';
import { accountByCode, accountById, type OrgContext } from './orgContext';
import { round2 } from './money';
import { findInvoice, settleInvoice, type SaveResult } from './invoices';
import { findCreditNote, settleCreditNote } from './creditNotes';
import { parseRequestDate } from './xeroDates';
import type { Account, Payment } from './types';

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

function resolveAccount(ctx: OrgContext, raw: unknown): Account | undefined {
  const ref = (raw ?? {}) as Json;
  const id = str(ref.AccountID);
  const code = str(ref.Code);
  return id ? accountById(ctx, id) : code ? accountByCode(ctx, code) : undefined;
}

export function createPayment(ctx: OrgContext, input: Json): SaveResult<Payment> {
  const errors: string[] = [];
  const invoiceRef = input.Invoice as Json | undefined;
  const noteRef = input.CreditNote as Json | undefined;
  const invoiceKey = str(invoiceRef?.InvoiceID) ?? str(invoiceRef?.InvoiceNumber);
  const noteKey = str(noteRef?.CreditNoteID) ?? str(noteRef?.CreditNoteNumber);
  const invoice = invoiceKey ? findInvoice(ctx, invoiceKey) : undefined;
  const note = !invoiceKey && noteKey ? findCreditNote(ctx, noteKey) : undefined;
  if (!invoiceKey && !noteKey) errors.push('An Invoice or Credit Note must be specified for the payment.');
  else if (invoiceKey && !invoice) errors.push(`Invoice '${invoiceKey}' could not be found.`);
  else if (noteKey && !invoiceKey && !note) errors.push(`Credit note '${noteKey}' could not be found.`);
  const document = invoice ?? note;
  if (document && document.Status !== 'AUTHORISED') {
    errors.push('Payments can only be made against Authorised documents.');
  }

  const account = resolveAccount(ctx, input.Account);
  if (!input.Account) errors.push('An Account must be specified for the payment.');
  else if (!account) errors.push('Account could not be found');
  else if (account.Type !== 'BANK' && !account.EnablePaymentsToAccount) {
    errors.push(`Account '${account.Code}' is not a bank account and does not allow payments.`);
  }

  const date = parseRequestDate(input.Date);
  if (!date) errors.push('A valid Date must be specified for the payment.');
  const amount = typeof input.Amount === 'number' ? round2(input.Amount) : undefined;
  if (amount === undefined || amount <= 0) errors.push('Payment amount must be greater than zero.');
  const outstanding = invoice ? invoice.AmountDue : note ? note.RemainingCredit : undefined;
  if (amount !== undefined && outstanding !== undefined && amount > outstanding) {
    errors.push('Payment amount exceeds the amount outstanding on this document');
  }
  if (errors.length > 0 || !document || !account || !date || amount === undefined)
    return { ok: false, errors };

  const payment: Payment = {
    PaymentID: randomUUID(),
    InvoiceID: invoice?.InvoiceID,
    CreditNoteID: note?.CreditNoteID,
    AccountID: account.AccountID,
    Date: date,
    Amount: amount,
    Reference: str(input.Reference),
    CurrencyRate: typeof input.CurrencyRate === 'number' ? input.CurrencyRate : 1,
    PaymentType: paymentTypeOf(invoice?.Type ?? note?.Type ?? 'ACCREC'),
    Status: 'AUTHORISED',
    IsReconciled: input.IsReconciled === true,
    UpdatedMs: ctx.now,
  };
  ctx.store.payments.put(ctx.tenantId, payment);
  if (invoice) settleInvoice(ctx, invoice, invoice.AmountPaid + amount, invoice.AmountCredited, date);
  if (note) settleCreditNote(ctx, note);
  return { ok: true, record: payment };
}

function paymentTypeOf(type: string): Payment['PaymentType'] {
  if (type === 'ACCPAY') return 'ACCPAYPAYMENT';
  if (type === 'ACCRECCREDIT') return 'ARCREDITPAYMENT';
  if (type === 'ACCPAYCREDIT') return 'APCREDITPAYMENT';
  return 'ACCRECPAYMENT';
}

export function deletePayment(ctx: OrgContext, paymentId: string): SaveResult<Payment> {
  const payment = ctx.store.payments.get(ctx.tenantId, paymentId);
  if (!payment) return { ok: false, errors: [`Payment '${paymentId}' could not be found.`] };
  if (payment.Status === 'DELETED') return { ok: false, errors: ['This payment has already been deleted.'] };
  const deleted: Payment = { ...payment, Status: 'DELETED', UpdatedMs: ctx.now };
  ctx.store.payments.put(ctx.tenantId, deleted);
  const invoice = payment.InvoiceID ? ctx.store.invoices.get(ctx.tenantId, payment.InvoiceID) : undefined;
  if (invoice) settleInvoice(ctx, invoice, invoice.AmountPaid - payment.Amount, invoice.AmountCredited);
  const note = payment.CreditNoteID
    ? ctx.store.creditNotes.get(ctx.tenantId, payment.CreditNoteID)
    : undefined;
  if (note) settleCreditNote(ctx, note);
  return { ok: true, record: deleted };
}
