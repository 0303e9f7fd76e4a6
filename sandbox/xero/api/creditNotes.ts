// /CreditNotes and PUT /CreditNotes/{id}/Allocations (reference/xero-api.md §3.7).
import { allocateCredit, deleteAllocation, findCreditNote, saveCreditNote } from '../domain/creditNotes';
import { renderAllocation, renderCreditNote } from '../domain/render';
import type { Router } from '../http/router';
import { runBatch } from './batch';
import { envelope, notFound, validationException, type ApiCall, type ApiHandler } from './call';
import { listResource } from './listing';

type Json = Record<string, unknown>;

const batch = (mode: 'create' | 'createOrUpdate') => (call: ApiCall) =>
  runBatch(call, {
    collection: 'CreditNotes',
    schema: 'CreditNotes',
    idField: 'CreditNoteID',
    errorFlag: 'HasErrors',
    save: (element) => saveCreditNote(call.ctx, element, mode, call.params.id),
    render: (record) => renderCreditNote(call.ctx, record),
  });

function list(call: ApiCall) {
  return listResource(call, {
    collection: 'CreditNotes',
    records: call.ctx.store.creditNotes.all(call.ctx.tenantId),
    updatedMs: (r) => r.UpdatedMs,
    render: (r, paged) => renderCreditNote(call.ctx, r, paged),
    pageable: true,
    listFilters: { IDs: (j) => j.CreditNoteID, ContactIDs: (j) => (j.Contact as Json).ContactID },
    searchFields: ['CreditNoteNumber', 'Reference'],
  });
}

function getOne(call: ApiCall) {
  const note = findCreditNote(call.ctx, call.params.id);
  return note ? envelope(call, 'CreditNotes', [renderCreditNote(call.ctx, note)]) : notFound();
}

function allocations(call: ApiCall) {
  const note = findCreditNote(call.ctx, call.params.id);
  if (!note) return notFound();
  return runBatch(call, {
    collection: 'Allocations',
    schema: 'Allocations',
    idField: 'AllocationID',
    errorFlag: 'HasValidationErrors',
    save: (element) => {
      const current = call.ctx.store.creditNotes.get(call.ctx.tenantId, note.CreditNoteID) ?? note;
      return allocateCredit(call.ctx, current, element);
    },
    render: (record) => renderAllocation(call.ctx, record),
  });
}

function removeAllocation(call: ApiCall) {
  const note = findCreditNote(call.ctx, call.params.id);
  if (!note) return notFound();
  const result = call.ctx.store.transaction(() => deleteAllocation(call.ctx, note, call.params.allocationId));
  if (!result.ok) return validationException(undefined, result.errors[0]);
  return envelope(call, 'Allocations', [renderAllocation(call.ctx, result.record)]);
}

export function registerCreditNoteRoutes(router: Router<ApiHandler>): void {
  router
    .add('GET', '/CreditNotes', list)
    .add('PUT', '/CreditNotes', batch('create'))
    .add('POST', '/CreditNotes', batch('createOrUpdate'))
    .add('GET', '/CreditNotes/:id', getOne)
    .add('POST', '/CreditNotes/:id', batch('createOrUpdate'))
    .add('PUT', '/CreditNotes/:id/Allocations', allocations)
    .add('DELETE', '/CreditNotes/:id/Allocations/:allocationId', removeAllocation);
}
