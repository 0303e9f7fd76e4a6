// /Invoices: batches (PUT create, POST create-or-update), list, by id or number, update by id,
// /Email (204, ACCREC and SUBMITTED/AUTHORISED/PAID only, §3.10) and /OnlineInvoice (not for drafts).
import { findInvoice, saveInvoice } from '../domain/invoices';
import { renderInvoice } from '../domain/render';
import { emit } from '../domain/orgContext';
import type { Router } from '../http/router';
import { runBatch } from './batch';
import { envelope, notFound, queryFlag, validationException, type ApiCall, type ApiHandler } from './call';
import { listResource } from './listing';

type Json = Record<string, unknown>;

const batch = (mode: 'create' | 'createOrUpdate') => (call: ApiCall) =>
  runBatch(call, {
    collection: 'Invoices',
    schema: 'Invoices',
    idField: 'InvoiceID',
    errorFlag: 'HasErrors',
    save: (element) => saveInvoice(call.ctx, element, mode, call.params.id),
    render: (record) => renderInvoice(call.ctx, record),
  });

function list(call: ApiCall) {
  const summaryOnly = queryFlag(call, 'summaryOnly') === true;
  // "When set to true you'll only retrieve Invoices created by your app" (spec, GET /Invoices).
  const mine = queryFlag(call, 'createdByMyApp') === true;
  const all = call.ctx.store.invoices.all(call.ctx.tenantId);
  return listResource(call, {
    collection: 'Invoices',
    records: mine ? all.filter((i) => i.CreatedByApp === call.ctx.clientId) : all,
    updatedMs: (r) => r.UpdatedMs,
    render: (r, paged) => renderInvoice(call.ctx, r, paged && !summaryOnly),
    pageable: true,
    listFilters: {
      IDs: (j) => j.InvoiceID,
      InvoiceNumbers: (j) => j.InvoiceNumber,
      ContactIDs: (j) => (j.Contact as Json).ContactID,
      Statuses: (j) => j.Status,
    },
    searchFields: ['InvoiceNumber', 'Reference'],
  });
}

function getOne(call: ApiCall) {
  const invoice = findInvoice(call.ctx, call.params.id);
  return invoice ? envelope(call, 'Invoices', [renderInvoice(call.ctx, invoice)]) : notFound();
}

const EMAIL_RULE =
  'The invoice must be of Type ACCREC and a valid Status for sending (SUBMITTED, AUTHORISED or PAID)';
/** Xero sends to the contact's email and its ContactPersons with IncludeInEmails (§3.10); wording ours. */
const NO_RECIPIENT = 'The contact has no email address, so the invoice cannot be emailed.';

function hasRecipient(call: ApiCall, contactId: string): boolean {
  const contact = call.ctx.store.contacts.get(call.ctx.tenantId, contactId);
  const people = (contact?.ContactPersons ?? []) as Json[];
  return (
    Boolean(contact?.EmailAddress?.trim()) ||
    people.some((p) => p.IncludeInEmails === true && typeof p.EmailAddress === 'string' && p.EmailAddress)
  );
}

function email(call: ApiCall) {
  const invoice = findInvoice(call.ctx, call.params.id);
  if (!invoice) return notFound();
  const refusal =
    invoice.Type !== 'ACCREC' || !['SUBMITTED', 'AUTHORISED', 'PAID'].includes(invoice.Status)
      ? EMAIL_RULE
      : hasRecipient(call, invoice.ContactID)
        ? undefined
        : NO_RECIPIENT;
  if (refusal) {
    return validationException([
      {
        ...renderInvoice(call.ctx, invoice, false),
        HasErrors: true,
        ValidationErrors: [{ Message: refusal }],
      },
    ]);
  }
  call.ctx.store.invoices.put(call.ctx.tenantId, {
    ...invoice,
    SentToContact: true,
    UpdatedMs: call.ctx.now,
  });
  emit(call.ctx, { category: 'INVOICE', type: 'UPDATE', resourceId: invoice.InvoiceID });
  return { status: 204 };
}

function onlineInvoice(call: ApiCall) {
  const invoice = findInvoice(call.ctx, call.params.id);
  if (!invoice) return notFound();
  if (invoice.Type !== 'ACCREC' || ['DRAFT', 'DELETED'].includes(invoice.Status)) {
    return validationException(undefined, 'An online invoice is only available for approved sales invoices.');
  }
  return envelope(call, 'OnlineInvoices', [
    { OnlineInvoiceUrl: `${call.ctx.origin}/online-invoice/${call.ctx.tenantId}/${invoice.InvoiceID}` },
  ]);
}

export function registerInvoiceRoutes(router: Router<ApiHandler>): void {
  router
    .add('GET', '/Invoices', list)
    .add('PUT', '/Invoices', batch('create'))
    .add('POST', '/Invoices', batch('createOrUpdate'))
    .add('GET', '/Invoices/:id', getOne)
    .add('POST', '/Invoices/:id', batch('createOrUpdate'))
    .add('POST', '/Invoices/:id/Email', email)
    .add('GET', '/Invoices/:id/OnlineInvoice', onlineInvoice);
}
