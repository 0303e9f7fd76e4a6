// The parts invoices and credit notes share: contact, dates, amount type, currency, branding theme,
// status and lines, checked against the organisation's settings.
import { randomUUID } from 'node:crypto';
import { contactByName, type OrgContext } from '../domain/orgContext';
import { documentTotals } from '../domain/totals';
import { parseRequestDate, todayIn } from '../domain/xeroDates';
import type { Contact, InvoiceStatus, LineAmountType, LineItem, Totals } from '../domain/types';
import { buildLines, type DocumentType } from './lineItems';
import { creationStatusError, parseStatus, transitionError } from './status';

type Json = Record<string, unknown>;

/** The header and lines every invoice and credit note has, stored or being built. */
interface DocumentFields {
  ContactID: string;
  Reference?: string;
  Date: string;
  DueDate?: string;
  LineAmountTypes: LineAmountType;
  Status: InvoiceStatus;
  CurrencyCode: string;
  CurrencyRate: number;
  BrandingThemeID?: string;
  LineItems: LineItem[];
}

export interface ExistingDocument extends DocumentFields {
  Type: string;
  hasAllocations: boolean;
}

export interface DocumentCommon extends DocumentFields, Totals {
  Type: DocumentType;
}

export interface BuiltDocument {
  common?: DocumentCommon;
  /** A contact given only by name that does not exist yet: created when the document is saved. */
  newContact?: Contact;
  errors: string[];
}

const AMOUNT_TYPES: LineAmountType[] = ['Exclusive', 'Inclusive', 'NoTax'];
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

export function buildDocument(
  ctx: OrgContext,
  input: Json,
  existing: ExistingDocument | undefined,
  allowedTypes: DocumentType[],
  typeMissingMessage: string,
): BuiltDocument {
  const errors: string[] = [];
  const type = (str(input.Type) ?? existing?.Type) as DocumentType | undefined;
  if (!type) errors.push(typeMissingMessage);
  else if (!allowedTypes.includes(type)) errors.push(`Type '${type}' is not valid for this document.`);

  const contact = resolveContact(ctx, input.Contact, existing?.ContactID);
  errors.push(...contact.errors);

  const status = input.Status === undefined ? (existing?.Status ?? 'DRAFT') : parseStatus(input.Status);
  if (!status) errors.push(`Status '${String(input.Status)}' is not valid.`);
  else if (existing) {
    const error = transitionError(existing.Status, status, existing.hasAllocations);
    if (error) errors.push(error);
  } else {
    const error = creationStatusError(status);
    if (error) errors.push(error);
  }

  const amountType = (str(input.LineAmountTypes) ??
    existing?.LineAmountTypes ??
    'Exclusive') as LineAmountType;
  if (!AMOUNT_TYPES.includes(amountType)) errors.push(`LineAmountTypes '${amountType}' is not valid.`);

  const date =
    input.Date === undefined
      ? (existing?.Date ?? todayIn(ctx.now, ctx.org.Timezone))
      : parseRequestDate(input.Date);
  if (!date) errors.push(`The date '${String(input.Date)}' is not a valid date.`);
  const dueDate = input.DueDate === undefined ? existing?.DueDate : parseRequestDate(input.DueDate);
  if (input.DueDate !== undefined && !dueDate)
    errors.push(`The due date '${String(input.DueDate)}' is not a valid date.`);

  const currency = str(input.CurrencyCode)?.toUpperCase() ?? existing?.CurrencyCode ?? ctx.org.BaseCurrency;
  if (currency !== ctx.org.BaseCurrency && !ctx.org.Currencies.includes(currency)) {
    errors.push(`Organisation is not subscribed to currency ${currency}`);
  }
  const rate = typeof input.CurrencyRate === 'number' ? input.CurrencyRate : (existing?.CurrencyRate ?? 1);

  const themeId = str(input.BrandingThemeID) ?? existing?.BrandingThemeID ?? defaultThemeId(ctx);
  if (themeId && !ctx.store.brandingThemes.get(ctx.tenantId, themeId)) {
    errors.push(`Branding theme '${themeId}' is not valid.`);
  }

  const rawLines = input.LineItems === undefined ? undefined : input.LineItems;
  if (rawLines !== undefined && !Array.isArray(rawLines)) errors.push('LineItems must be a list.');
  // Lines kept from the stored document are re-priced at full precision with their tax recomputed
  // (the amount type may have changed), so an update without unitdp=4 does not round them.
  const kept = existing?.LineItems.map(
    ({ TaxAmount: _t, LineAmount: _l, ...line }) => line as unknown as Json,
  );
  const lineSource = Array.isArray(rawLines) ? (rawLines as Json[]) : kept;
  if (!lineSource || lineSource.length === 0) errors.push('One or more line items must be specified');
  const lineCtx = Array.isArray(rawLines) ? ctx : { ...ctx, unitdp: 4 as const };
  const built = buildLines(lineCtx, type ?? allowedTypes[0], amountType, lineSource ?? []);
  errors.push(...built.errors);
  if (status === 'AUTHORISED' && built.lines.some((l) => !l.AccountCode)) {
    errors.push('An account code must be specified for every line item of an approved document.');
  }

  if (errors.length > 0 || !type || !status || !date) return { errors };
  const totals = documentTotals(
    built.lines.map((l, i) => ({ ...l, discount: built.discounts[i] })),
    amountType,
  );
  return {
    errors,
    newContact: contact.newContact,
    common: {
      Type: type,
      ContactID: contact.contactId as string,
      Reference: referenceOf(type, input.Reference, existing?.Reference),
      Date: date,
      DueDate: dueDate,
      LineAmountTypes: amountType,
      Status: status,
      CurrencyCode: currency,
      CurrencyRate: currency === ctx.org.BaseCurrency ? 1 : rate,
      BrandingThemeID: themeId,
      LineItems: built.lines,
      ...totals,
    },
  };
}

/**
 * `Reference` exists on sales documents only: the spec says "ACCREC only" on invoices and
 * "ACCRECCREDIT only" on credit notes, and its ACCPAYCREDIT example sends one and gets back "".
 * A bill's "Reference" in Xero's screens is its InvoiceNumber (reference §3.7).
 */
function referenceOf(type: DocumentType, given: unknown, kept: string | undefined): string | undefined {
  if (type === 'ACCPAY' || type === 'ACCPAYCREDIT') return undefined;
  return given === undefined ? kept : String(given);
}

function defaultThemeId(ctx: OrgContext): string | undefined {
  const themes = ctx.store.brandingThemes.all(ctx.tenantId).sort((a, b) => a.SortOrder - b.SortOrder);
  return themes[0]?.BrandingThemeID;
}

function resolveContact(
  ctx: OrgContext,
  raw: unknown,
  existingId: string | undefined,
): { contactId?: string; newContact?: Contact; errors: string[] } {
  if (raw === undefined && existingId) return { contactId: existingId, errors: [] };
  const given = (raw ?? {}) as Json;
  const id = str(given.ContactID);
  if (id) {
    const found = ctx.store.contacts.get(ctx.tenantId, id);
    return found
      ? { contactId: found.ContactID, errors: [] }
      : { errors: [`Contact with ID '${id}' could not be found.`] };
  }
  const number = str(given.ContactNumber);
  if (number) {
    const found = ctx.store.contacts.all(ctx.tenantId).find((c) => c.ContactNumber === number);
    if (found) return { contactId: found.ContactID, errors: [] };
  }
  const name = str(given.Name);
  if (!name) return { errors: ['A Contact must be specified for this type of transaction'] };
  const found = contactByName(ctx, name);
  if (found) return { contactId: found.ContactID, errors: [] };
  const newContact: Contact = {
    ContactID: randomUUID(),
    Name: name,
    ContactNumber: number,
    EmailAddress: str(given.EmailAddress),
    ContactStatus: 'ACTIVE',
    UpdatedMs: ctx.now,
  };
  return { contactId: newContact.ContactID, newContact, errors: [] };
}
