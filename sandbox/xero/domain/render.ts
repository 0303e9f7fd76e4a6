// Stored records to Xero's JSON: `/Date(ms+0000)/` dates with their *String companions, nested
// contact summaries, payments and credit notes on invoices, UnitAmount at the requested unitdp.
import type { OrgContext } from './orgContext';
import { roundTo } from './money';
import { dateOnlyToDateString, dateOnlyToMsDate, toMsDate } from './xeroDates';
import type { Allocation, Contact, CreditNote, Invoice, Item, LineItem, Payment } from './types';

type Json = Record<string, unknown>;

function dateFields(name: string, date: string | undefined): Json {
  return date ? { [name]: dateOnlyToMsDate(date), [`${name}String`]: dateOnlyToDateString(date) } : {};
}

export function renderLine(line: LineItem, unitdp: number): Json {
  const { Tracking, ...rest } = line;
  return {
    ...rest,
    UnitAmount: roundTo(line.UnitAmount, unitdp),
    Quantity: roundTo(line.Quantity, 4),
    Tracking,
  };
}

export function contactSummary(ctx: OrgContext, contactId: string): Json {
  const contact = ctx.store.contacts.get(ctx.tenantId, contactId);
  if (!contact) return { ContactID: contactId };
  return {
    ContactID: contact.ContactID,
    ContactNumber: contact.ContactNumber,
    AccountNumber: contact.AccountNumber,
    ContactStatus: contact.ContactStatus,
    Name: contact.Name,
    EmailAddress: contact.EmailAddress,
    HasAttachments: false,
  };
}

function paymentSummary(payment: Payment): Json {
  return {
    PaymentID: payment.PaymentID,
    ...dateFields('Date', payment.Date),
    Amount: payment.Amount,
    Reference: payment.Reference,
    CurrencyRate: payment.CurrencyRate,
    HasAccount: false,
    HasValidationErrors: false,
  };
}

export function renderInvoice(ctx: OrgContext, invoice: Invoice, withLines = true): Json {
  const payments = (
    ctx.store.payments.groupedBy(ctx.tenantId, 'InvoiceID').get(invoice.InvoiceID) ?? []
  ).filter((p) => p.Status === 'AUTHORISED');
  const credits = (
    ctx.store.allocations.groupedBy(ctx.tenantId, 'InvoiceID').get(invoice.InvoiceID) ?? []
  ).filter((a) => !a.IsDeleted);
  const { ContactID, LineItems, UpdatedMs, Date, DueDate, FullyPaidOnDate, ...rest } = invoice;
  return {
    ...rest,
    Contact: contactSummary(ctx, ContactID),
    ...dateFields('Date', Date),
    ...dateFields('DueDate', DueDate),
    ...(FullyPaidOnDate ? { FullyPaidOnDate: dateOnlyToMsDate(FullyPaidOnDate) } : {}),
    IsDiscounted: invoice.TotalDiscount > 0,
    HasAttachments: false,
    HasErrors: false,
    Payments: payments.map(paymentSummary),
    CreditNotes: credits.map((a) => creditSummary(ctx, a)),
    Prepayments: [],
    Overpayments: [],
    UpdatedDateUTC: toMsDate(UpdatedMs),
    ...(withLines ? { LineItems: LineItems.map((l) => renderLine(l, ctx.unitdp)) } : {}),
  };
}

function creditSummary(ctx: OrgContext, allocation: Allocation): Json {
  const note = ctx.store.creditNotes.get(ctx.tenantId, allocation.CreditNoteID);
  return {
    CreditNoteID: allocation.CreditNoteID,
    CreditNoteNumber: note?.CreditNoteNumber,
    ...dateFields('Date', allocation.Date),
    AppliedAmount: allocation.Amount,
    Total: note?.Total,
  };
}

export function renderCreditNote(ctx: OrgContext, note: CreditNote, withLines = true): Json {
  const allocations = (
    ctx.store.allocations.groupedBy(ctx.tenantId, 'CreditNoteID').get(note.CreditNoteID) ?? []
  ).filter((a) => !a.IsDeleted);
  const { ContactID, LineItems, UpdatedMs, Date, DueDate, FullyPaidOnDate, ...rest } = note;
  return {
    ...rest,
    Contact: contactSummary(ctx, ContactID),
    ...dateFields('Date', Date),
    ...dateFields('DueDate', DueDate),
    ...(FullyPaidOnDate ? { FullyPaidOnDate: dateOnlyToMsDate(FullyPaidOnDate) } : {}),
    HasErrors: false,
    Allocations: allocations.map((a) => renderAllocation(ctx, a)),
    Payments: (ctx.store.payments.groupedBy(ctx.tenantId, 'CreditNoteID').get(note.CreditNoteID) ?? [])
      .filter((p) => p.Status === 'AUTHORISED')
      .map(paymentSummary),
    UpdatedDateUTC: toMsDate(UpdatedMs),
    ...(withLines ? { LineItems: LineItems.map((l) => renderLine(l, ctx.unitdp)) } : {}),
  };
}

export function renderAllocation(ctx: OrgContext, allocation: Allocation): Json {
  const invoice = ctx.store.invoices.get(ctx.tenantId, allocation.InvoiceID);
  const note = ctx.store.creditNotes.get(ctx.tenantId, allocation.CreditNoteID);
  return {
    AllocationID: allocation.AllocationID,
    Amount: allocation.Amount,
    ...dateFields('Date', allocation.Date),
    IsDeleted: allocation.IsDeleted,
    Invoice: invoice
      ? { InvoiceID: invoice.InvoiceID, InvoiceNumber: invoice.InvoiceNumber, Type: invoice.Type }
      : {},
    CreditNote: note
      ? { CreditNoteID: note.CreditNoteID, CreditNoteNumber: note.CreditNoteNumber, Type: note.Type }
      : {},
    StatusAttributeString: 'OK',
  };
}

export function renderPayment(ctx: OrgContext, payment: Payment): Json {
  const account = ctx.store.accounts.get(ctx.tenantId, payment.AccountID);
  const invoice = payment.InvoiceID ? ctx.store.invoices.get(ctx.tenantId, payment.InvoiceID) : undefined;
  const note = payment.CreditNoteID
    ? ctx.store.creditNotes.get(ctx.tenantId, payment.CreditNoteID)
    : undefined;
  const { InvoiceID: _i, CreditNoteID: _c, AccountID, UpdatedMs, Date, ...rest } = payment;
  return {
    ...rest,
    ...dateFields('Date', Date),
    BankAmount: payment.Amount,
    Account: { AccountID, Code: account?.Code },
    ...(invoice
      ? {
          Invoice: {
            InvoiceID: invoice.InvoiceID,
            InvoiceNumber: invoice.InvoiceNumber,
            Type: invoice.Type,
            Contact: contactSummary(ctx, invoice.ContactID),
          },
        }
      : {}),
    ...(note
      ? { CreditNote: { CreditNoteID: note.CreditNoteID, CreditNoteNumber: note.CreditNoteNumber } }
      : {}),
    HasAccount: false,
    HasValidationErrors: false,
    UpdatedDateUTC: toMsDate(UpdatedMs),
  };
}

export function renderContact(ctx: OrgContext, contact: Contact): Json {
  const invoices = ctx.store.invoices.groupedBy(ctx.tenantId, 'ContactID').get(contact.ContactID) ?? [];
  const { UpdatedMs, ...rest } = contact;
  return {
    ...rest,
    Addresses: contact.Addresses ?? [],
    Phones: contact.Phones ?? [],
    ContactPersons: contact.ContactPersons ?? [],
    IsSupplier: invoices.some((i) => i.Type === 'ACCPAY'),
    IsCustomer: invoices.some((i) => i.Type === 'ACCREC'),
    HasAttachments: false,
    UpdatedDateUTC: toMsDate(UpdatedMs),
  };
}

export function renderItem(ctx: OrgContext, item: Item): Json {
  const { UpdatedMs, ...rest } = item;
  const price = (d: Item['SalesDetails']) =>
    d && d.UnitPrice !== undefined ? { ...d, UnitPrice: roundTo(d.UnitPrice, ctx.unitdp) } : d;
  return {
    ...rest,
    SalesDetails: price(item.SalesDetails) ?? {},
    PurchaseDetails: price(item.PurchaseDetails) ?? {},
    UpdatedDateUTC: toMsDate(UpdatedMs),
  };
}
