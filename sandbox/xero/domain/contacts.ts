// Contacts (reference/xero-api.md §3.9): the name is unique among active contacts; PUT creates,
// POST creates or updates (by ContactID, else by an exact name match); IsCustomer/IsSupplier are
// computed from the contact's invoices and cannot be set.
import { randomUUID } from 'node:crypto';
import { contactByName, emit, type OrgContext } from './orgContext';
import type { SaveResult, WriteMode } from './invoices';
import type { Contact } from './types';

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const COPIED = [
  'FirstName',
  'LastName',
  'EmailAddress',
  'TaxNumber',
  'DefaultCurrency',
  'AccountNumber',
] as const;

export function findContact(ctx: OrgContext, idOrNumber: string): Contact | undefined {
  return (
    ctx.store.contacts.get(ctx.tenantId, idOrNumber) ??
    ctx.store.contacts.all(ctx.tenantId).find((c) => c.ContactNumber === idOrNumber)
  );
}

export function saveContact(
  ctx: OrgContext,
  input: Json,
  mode: WriteMode,
  pathId?: string,
): SaveResult<Contact> {
  const id = pathId ?? str(input.ContactID);
  const name = str(input.Name);
  let existing: Contact | undefined;
  if (id) {
    existing = findContact(ctx, id);
    if (!existing) return { ok: false, errors: [`Contact with ID '${id}' could not be found.`] };
  } else if (mode === 'createOrUpdate' && name) {
    existing = contactByName(ctx, name);
  }
  const errors: string[] = [];
  const finalName = name ?? existing?.Name;
  if (!finalName) errors.push('The contact name must be specified.');
  else if (finalName.length > 255) errors.push('The contact name must be 255 characters or fewer.');
  const clash = finalName ? contactByName(ctx, finalName) : undefined;
  if (finalName && clash && clash.ContactID !== existing?.ContactID) {
    errors.push(
      `The contact name ${finalName} is already assigned to another contact. The contact name must be unique across all active contacts.`,
    );
  }
  const email = str(input.EmailAddress);
  if (email && !EMAIL.test(email)) errors.push('Email address must be valid.');
  const number = str(input.ContactNumber);
  if (number && number.length > 50) errors.push('The ContactNumber must be 50 characters or fewer.');
  const status = str(input.ContactStatus) ?? existing?.ContactStatus ?? 'ACTIVE';
  if (!['ACTIVE', 'ARCHIVED', 'GDPRREQUEST'].includes(status))
    errors.push(`ContactStatus '${status}' is not valid.`);
  if (errors.length > 0 || !finalName) return { ok: false, errors };

  const record: Contact = {
    ...(existing ?? {}),
    ContactID: existing?.ContactID ?? randomUUID(),
    Name: finalName,
    ContactNumber: number ?? existing?.ContactNumber,
    ContactStatus: status as Contact['ContactStatus'],
    UpdatedMs: ctx.now,
  };
  for (const field of COPIED) if (input[field] !== undefined) record[field] = String(input[field]);
  for (const field of ['Addresses', 'Phones', 'ContactPersons'] as const) {
    if (Array.isArray(input[field])) record[field] = input[field] as unknown[];
  }
  ctx.store.contacts.put(ctx.tenantId, record);
  emit(ctx, { category: 'CONTACT', type: existing ? 'UPDATE' : 'CREATE', resourceId: record.ContactID });
  return { ok: true, record };
}
