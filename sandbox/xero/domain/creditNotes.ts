// Credit notes and their allocations to invoices (reference/xero-api.md §3.7): no discounts,
// numbered CN-0001…; an allocation needs an approved credit note, an approved invoice of the matching
// type and contact, and an amount within both RemainingCredit and the invoice's AmountDue.
import { randomUUID } from 'node:crypto';
import { buildDocument } from '../rules/documents';
import { round2 } from './money';
import { emit, type OrgContext } from './orgContext';
import { findInvoice, putExistsMessage, settleInvoice, type SaveResult, type WriteMode } from './invoices';
import { parseRequestDate, todayIn } from './xeroDates';
import type { Allocation, CreditNote } from './types';

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

export function findCreditNote(ctx: OrgContext, idOrNumber: string): CreditNote | undefined {
  return (
    ctx.store.creditNotes.get(ctx.tenantId, idOrNumber) ??
    ctx.store.creditNotes.all(ctx.tenantId).find((c) => c.CreditNoteNumber === idOrNumber)
  );
}

export function creditUsed(ctx: OrgContext, creditNoteId: string): number {
  const allocated = (ctx.store.allocations.groupedBy(ctx.tenantId, 'CreditNoteID').get(creditNoteId) ?? [])
    .filter((a) => !a.IsDeleted)
    .reduce((total, a) => total + a.Amount, 0);
  const refunded = (ctx.store.payments.groupedBy(ctx.tenantId, 'CreditNoteID').get(creditNoteId) ?? [])
    .filter((p) => p.Status === 'AUTHORISED')
    .reduce((total, p) => total + p.Amount, 0);
  return round2(allocated + refunded);
}

export function saveCreditNote(
  ctx: OrgContext,
  input: Json,
  mode: WriteMode,
  pathId?: string,
): SaveResult<CreditNote> {
  const id = pathId ?? str(input.CreditNoteID);
  const existing = id
    ? findCreditNote(ctx, id)
    : mode === 'createOrUpdate' && str(input.CreditNoteNumber)
      ? findCreditNote(ctx, str(input.CreditNoteNumber) as string)
      : undefined;
  if (id && !existing) return { ok: false, errors: [`Credit note with ID '${id}' could not be found.`] };
  if (existing && id && mode === 'create')
    return { ok: false, errors: [putExistsMessage('Credit note', id)] };
  const used = existing ? creditUsed(ctx, existing.CreditNoteID) : 0;
  const built = buildDocument(
    ctx,
    input,
    existing && { ...existing, hasAllocations: used > 0 },
    ['ACCRECCREDIT', 'ACCPAYCREDIT'],
    'Credit Note Type must be specified',
  );
  if (built.errors.length > 0 || !built.common) return { ok: false, errors: built.errors };
  if (built.newContact) {
    ctx.store.contacts.put(ctx.tenantId, built.newContact);
    emit(ctx, { category: 'CONTACT', type: 'CREATE', resourceId: built.newContact.ContactID });
  }
  const common = built.common;
  let number = str(input.CreditNoteNumber) ?? existing?.CreditNoteNumber;
  if (!number) {
    number = `CN-${String(ctx.org.NextCreditNoteNumber).padStart(4, '0')}`;
    ctx.org.NextCreditNoteNumber += 1;
    ctx.store.organisations.put(ctx.tenantId, ctx.org);
  }
  const record: CreditNote = {
    ...common,
    Type: common.Type as CreditNote['Type'],
    CreditNoteID: existing?.CreditNoteID ?? randomUUID(),
    CreditNoteNumber: number,
    CreatedByApp: existing ? existing.CreatedByApp : ctx.clientId,
    RemainingCredit: ['VOIDED', 'DELETED'].includes(common.Status) ? 0 : round2(common.Total - used),
    UpdatedMs: ctx.now,
  };
  ctx.store.creditNotes.put(ctx.tenantId, record);
  emitCreditNote(ctx, record, existing ? 'UPDATE' : 'CREATE');
  return { ok: true, record };
}

export function emitCreditNote(ctx: OrgContext, note: CreditNote, type: 'CREATE' | 'UPDATE'): void {
  emit(ctx, {
    category: 'CREDITNOTE',
    type,
    resourceId: note.CreditNoteID,
    data: { Type: note.Type, Status: note.Status },
  });
}

/** Recomputes RemainingCredit (and PAID when fully used) after an allocation or refund. */
export function settleCreditNote(ctx: OrgContext, note: CreditNote): CreditNote {
  const remaining = round2(note.Total - creditUsed(ctx, note.CreditNoteID));
  const settled: CreditNote = {
    ...note,
    RemainingCredit: remaining,
    Status: remaining <= 0 ? 'PAID' : note.Status === 'PAID' ? 'AUTHORISED' : note.Status,
    UpdatedMs: ctx.now,
  };
  ctx.store.creditNotes.put(ctx.tenantId, settled);
  emitCreditNote(ctx, settled, 'UPDATE');
  return settled;
}

export function allocateCredit(ctx: OrgContext, note: CreditNote, input: Json): SaveResult<Allocation> {
  const errors: string[] = [];
  const invoiceRef = (input.Invoice ?? {}) as Json;
  const invoiceKey = str(invoiceRef.InvoiceID) ?? str(invoiceRef.InvoiceNumber);
  const invoice = invoiceKey ? findInvoice(ctx, invoiceKey) : undefined;
  const amount = typeof input.Amount === 'number' ? round2(input.Amount) : undefined;
  const date = input.Date === undefined ? todayIn(ctx.now, ctx.org.Timezone) : parseRequestDate(input.Date);
  if (!invoiceKey) errors.push('An Invoice must be specified for the allocation.');
  else if (!invoice) errors.push(`Invoice '${invoiceKey}' could not be found.`);
  if (amount === undefined || amount <= 0) errors.push('The allocation Amount must be greater than zero.');
  if (!date) errors.push('A valid Date must be specified for the allocation.');
  if (note.Status !== 'AUTHORISED') errors.push('Only approved credit notes can be allocated.');
  if (invoice) {
    if (invoice.Status !== 'AUTHORISED') errors.push('Credit can only be allocated to approved invoices.');
    const expected = note.Type === 'ACCRECCREDIT' ? 'ACCREC' : 'ACCPAY';
    if (invoice.Type !== expected)
      errors.push(`A ${note.Type} credit note can only be allocated to ${expected} invoices.`);
    if (invoice.ContactID !== note.ContactID)
      errors.push('The credit note and the invoice must be for the same contact.');
    if (invoice.CurrencyCode !== note.CurrencyCode)
      errors.push('The credit note and the invoice must be in the same currency.');
    if (amount !== undefined && amount > invoice.AmountDue) {
      errors.push('The amount being allocated exceeds the amount due on the invoice.');
    }
  }
  if (amount !== undefined && amount > note.RemainingCredit) {
    errors.push('The amount being allocated exceeds the remaining credit on the credit note.');
  }
  if (errors.length > 0 || !invoice || amount === undefined || !date) return { ok: false, errors };
  const allocation: Allocation = {
    AllocationID: randomUUID(),
    CreditNoteID: note.CreditNoteID,
    InvoiceID: invoice.InvoiceID,
    Amount: amount,
    Date: date,
    IsDeleted: false,
    UpdatedMs: ctx.now,
  };
  ctx.store.allocations.put(ctx.tenantId, allocation);
  settleInvoice(ctx, invoice, invoice.AmountPaid, invoice.AmountCredited + amount, date);
  settleCreditNote(ctx, note);
  return { ok: true, record: allocation };
}

/** DELETE /CreditNotes/{id}/Allocations/{allocationId}: gives the credit back to the credit note. */
export function deleteAllocation(
  ctx: OrgContext,
  note: CreditNote,
  allocationId: string,
): SaveResult<Allocation> {
  const allocation = ctx.store.allocations.get(ctx.tenantId, allocationId);
  if (!allocation || allocation.CreditNoteID !== note.CreditNoteID || allocation.IsDeleted) {
    return { ok: false, errors: [`Allocation '${allocationId}' could not be found on this credit note.`] };
  }
  const deleted: Allocation = { ...allocation, IsDeleted: true, UpdatedMs: ctx.now };
  ctx.store.allocations.put(ctx.tenantId, deleted);
  const invoice = ctx.store.invoices.get(ctx.tenantId, allocation.InvoiceID);
  if (invoice) settleInvoice(ctx, invoice, invoice.AmountPaid, invoice.AmountCredited - allocation.Amount);
  settleCreditNote(ctx, note);
  return { ok: true, record: deleted };
}
