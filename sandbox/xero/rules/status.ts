// Document status transitions (reference/xero-api.md §3.6): DRAFT → SUBMITTED → AUTHORISED → PAID
// (by payments) or VOIDED; DELETED applies to drafts and submitted documents only; a document with a
// payment or allocated credit cannot be edited at all.
import type { InvoiceStatus } from '../domain/types';

export const LOCKED_BY_PAYMENT =
  'This document cannot be edited as it has a payment or credit note allocated to it';
export const NOT_VALID_FOR_MODIFICATION = 'Invoice not of valid status for modification';

const CREATABLE: InvoiceStatus[] = ['DRAFT', 'SUBMITTED', 'AUTHORISED'];

const ALLOWED: Record<InvoiceStatus, InvoiceStatus[]> = {
  DRAFT: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  SUBMITTED: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  AUTHORISED: ['AUTHORISED', 'VOIDED'],
  PAID: [],
  VOIDED: [],
  DELETED: [],
};

export function creationStatusError(status: InvoiceStatus): string | undefined {
  return CREATABLE.includes(status) ? undefined : `A new document cannot be created with Status ${status}.`;
}

export function transitionError(
  from: InvoiceStatus,
  to: InvoiceStatus,
  hasAllocations: boolean,
): string | undefined {
  if (hasAllocations || from === 'PAID') return LOCKED_BY_PAYMENT;
  if (ALLOWED[from].includes(to)) return undefined;
  if (to === 'DELETED')
    return 'Only draft or submitted documents can be deleted; void an approved document instead.';
  if (to === 'VOIDED') return 'Only approved documents can be voided; delete a draft instead.';
  return NOT_VALID_FOR_MODIFICATION;
}

const STATUSES = ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'];

export function parseStatus(value: unknown): InvoiceStatus | undefined {
  return typeof value === 'string' && STATUSES.includes(value.toUpperCase())
    ? (value.toUpperCase() as InvoiceStatus)
    : undefined;
}
