// Creating and updating invoices: find the target (InvoiceID, or on POST an existing ACCREC number),
// check the rules, number it, save it and queue the webhook event.
import { randomUUID } from 'node:crypto';
import { buildDocument } from '../rules/documents';
import { emit, type OrgContext } from './orgContext';
import { round2 } from './money';
import type { Invoice } from './types';

type Json = Record<string, unknown>;

export type SaveResult<T> = { ok: true; record: T } | { ok: false; errors: string[] };

export type WriteMode = 'create' | 'createOrUpdate';

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

function withNumber(ctx: OrgContext, number: string): Invoice[] {
  return ctx.store.invoices.groupedBy(ctx.tenantId, 'InvoiceNumber').get(number) ?? [];
}

export function findInvoice(ctx: OrgContext, idOrNumber: string): Invoice | undefined {
  return (
    ctx.store.invoices.get(ctx.tenantId, idOrNumber) ??
    withNumber(ctx, idOrNumber).find((i) => i.Status !== 'DELETED')
  );
}

function numberTaken(ctx: OrgContext, number: string, exceptId?: string): boolean {
  return withNumber(ctx, number).some(
    (i) =>
      i.Type === 'ACCREC' && i.Status !== 'DELETED' && i.InvoiceNumber === number && i.InvoiceID !== exceptId,
  );
}

function nextInvoiceNumber(ctx: OrgContext): string {
  let n = ctx.org.NextInvoiceNumber;
  while (numberTaken(ctx, `INV-${String(n).padStart(4, '0')}`)) n += 1;
  ctx.org.NextInvoiceNumber = n + 1;
  ctx.store.organisations.put(ctx.tenantId, ctx.org);
  return `INV-${String(n).padStart(4, '0')}`;
}

function target(
  ctx: OrgContext,
  input: Json,
  mode: WriteMode,
  pathId?: string,
): SaveResult<Invoice | undefined> {
  const id = pathId ?? str(input.InvoiceID);
  if (id) {
    const found = findInvoice(ctx, id);
    if (found && mode === 'create') return { ok: false, errors: [putExistsMessage('Invoice', id)] };
    return found
      ? { ok: true, record: found }
      : { ok: false, errors: [`Invoice with ID '${id}' could not be found.`] };
  }
  const number = str(input.InvoiceNumber);
  if (mode === 'createOrUpdate' && number) {
    const found = withNumber(ctx, number).find((i) => i.Type === 'ACCREC' && i.Status !== 'DELETED');
    return { ok: true, record: found };
  }
  return { ok: true, record: undefined };
}

/**
 * "A PUT method will create new data in Xero, whereas a POST will either create new data or update
 * existing data" (reference §3.7): a PUT naming an existing document is refused, not applied. Xero's
 * exact words for it are not published; these are the emulator's.
 */
export function putExistsMessage(what: 'Invoice' | 'Credit note', id: string): string {
  return `${what} with ID '${id}' already exists. PUT only creates: use POST to update it.`;
}

export function saveInvoice(
  ctx: OrgContext,
  input: Json,
  mode: WriteMode,
  pathId?: string,
): SaveResult<Invoice> {
  const found = target(ctx, input, mode, pathId);
  if (!found.ok) return found;
  const existing = found.record;
  const built = buildDocument(
    ctx,
    input,
    existing && { ...existing, hasAllocations: existing.AmountPaid > 0 || existing.AmountCredited > 0 },
    ['ACCREC', 'ACCPAY'],
    'Invoice Type must be specified',
  );
  const errors = [...built.errors];
  const number = str(input.InvoiceNumber) ?? existing?.InvoiceNumber;
  const type = built.common?.Type ?? existing?.Type;
  if (type === 'ACCREC' && number && numberTaken(ctx, number, existing?.InvoiceID))
    errors.push('Invoice # must be unique.');
  if (input.SentToContact === true && (built.common?.Status ?? 'DRAFT') !== 'AUTHORISED' && !existing) {
    errors.push('SentToContact can only be set on approved invoices.');
  }
  if (errors.length > 0 || !built.common) return { ok: false, errors };

  if (built.newContact) {
    ctx.store.contacts.put(ctx.tenantId, built.newContact);
    emit(ctx, { category: 'CONTACT', type: 'CREATE', resourceId: built.newContact.ContactID });
  }
  const common = built.common;
  const paid = existing?.AmountPaid ?? 0;
  const credited = existing?.AmountCredited ?? 0;
  const record: Invoice = {
    ...common,
    Type: common.Type as Invoice['Type'],
    InvoiceID: existing?.InvoiceID ?? randomUUID(),
    InvoiceNumber: number ?? (common.Type === 'ACCREC' ? nextInvoiceNumber(ctx) : ''),
    Url: input.Url === undefined ? existing?.Url : String(input.Url),
    CreatedByApp: existing ? existing.CreatedByApp : ctx.clientId,
    SentToContact:
      typeof input.SentToContact === 'boolean' ? input.SentToContact : (existing?.SentToContact ?? false),
    AmountPaid: paid,
    AmountCredited: credited,
    AmountDue: ['VOIDED', 'DELETED'].includes(common.Status) ? 0 : round2(common.Total - paid - credited),
    UpdatedMs: ctx.now,
  };
  ctx.store.invoices.put(ctx.tenantId, record);
  emit(ctx, { category: 'INVOICE', type: existing ? 'UPDATE' : 'CREATE', resourceId: record.InvoiceID });
  return { ok: true, record };
}

/** Re-derives AmountPaid/AmountCredited/AmountDue/Status after a payment or allocation changes. */
export function settleInvoice(
  ctx: OrgContext,
  invoice: Invoice,
  paid: number,
  credited: number,
  paidOn?: string,
): Invoice {
  const due = round2(invoice.Total - paid - credited);
  const settled: Invoice = {
    ...invoice,
    AmountPaid: round2(paid),
    AmountCredited: round2(credited),
    AmountDue: due,
    Status: due <= 0 ? 'PAID' : invoice.Status === 'PAID' ? 'AUTHORISED' : invoice.Status,
    FullyPaidOnDate: due <= 0 ? (paidOn ?? invoice.FullyPaidOnDate) : undefined,
    UpdatedMs: ctx.now,
  };
  ctx.store.invoices.put(ctx.tenantId, settled);
  emit(ctx, { category: 'INVOICE', type: 'UPDATE', resourceId: settled.InvoiceID });
  return settled;
}
