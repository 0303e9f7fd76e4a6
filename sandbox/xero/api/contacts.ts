// /Contacts and /Items (reference/xero-api.md §3.9): batches, lists with where / IDs / searchTerm /
// includeArchived, and GET by ContactID or ContactNumber (one path template serves both).
import { findContact, saveContact } from '../domain/contacts';
import { saveItem } from '../domain/items';
import { itemByCode } from '../domain/orgContext';
import { renderContact, renderItem } from '../domain/render';
import type { Router } from '../http/router';
import { runBatch } from './batch';
import { envelope, notFound, type ApiCall, type ApiHandler } from './call';
import { listResource } from './listing';

const contactBatch = (mode: 'create' | 'createOrUpdate') => (call: ApiCall) =>
  runBatch(call, {
    collection: 'Contacts',
    schema: 'Contacts',
    idField: 'ContactID',
    errorFlag: 'HasValidationErrors',
    save: (element) => saveContact(call.ctx, element, mode, call.params.id),
    render: (record) => renderContact(call.ctx, record),
  });

const itemBatch = (mode: 'create' | 'createOrUpdate') => (call: ApiCall) =>
  runBatch(call, {
    collection: 'Items',
    schema: 'Items',
    idField: 'ItemID',
    errorFlag: 'HasValidationErrors',
    save: (element) => saveItem(call.ctx, element, mode, call.params.id),
    render: (record) => renderItem(call.ctx, record),
  });

function listContacts(call: ApiCall) {
  return listResource(call, {
    collection: 'Contacts',
    records: call.ctx.store.contacts.all(call.ctx.tenantId),
    updatedMs: (r) => r.UpdatedMs,
    render: (r) => renderContact(call.ctx, r),
    pageable: true,
    listFilters: { IDs: (j) => j.ContactID },
    searchFields: ['Name', 'FirstName', 'LastName', 'EmailAddress', 'ContactNumber', 'AccountNumber'],
    isArchived: (j) => j.ContactStatus === 'ARCHIVED',
  });
}

function getContact(call: ApiCall) {
  const contact = findContact(call.ctx, call.params.id);
  return contact ? envelope(call, 'Contacts', [renderContact(call.ctx, contact)]) : notFound();
}

function listItems(call: ApiCall) {
  return listResource(call, {
    collection: 'Items',
    records: call.ctx.store.items.all(call.ctx.tenantId),
    updatedMs: (r) => r.UpdatedMs,
    render: (r) => renderItem(call.ctx, r),
  });
}

function getItem(call: ApiCall) {
  const item =
    call.ctx.store.items.get(call.ctx.tenantId, call.params.id) ?? itemByCode(call.ctx, call.params.id);
  return item ? envelope(call, 'Items', [renderItem(call.ctx, item)]) : notFound();
}

export function registerContactAndItemRoutes(router: Router<ApiHandler>): void {
  router
    .add('GET', '/Contacts', listContacts)
    .add('PUT', '/Contacts', contactBatch('create'))
    .add('POST', '/Contacts', contactBatch('createOrUpdate'))
    .add('GET', '/Contacts/:id', getContact)
    .add('POST', '/Contacts/:id', contactBatch('createOrUpdate'))
    .add('GET', '/Items', listItems)
    .add('PUT', '/Items', itemBatch('create'))
    .add('POST', '/Items', itemBatch('createOrUpdate'))
    .add('GET', '/Items/:id', getItem)
    .add('POST', '/Items/:id', itemBatch('createOrUpdate'));
}
