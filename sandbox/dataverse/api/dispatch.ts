import { serviceRoot, type EmulatorContext } from '../context';
import { DataverseError, errors } from '../errors';
import { handleBatch } from '../batch';
import { metadataDocument } from '../metadata';
import { rowsOf } from '../data/read';
import { solutionAction } from './solutionActions';
import { entityDefinitions, globalOptionSetDefinitions, relationshipDefinitions } from './entityDefinitions';
import { countRecords, listRecords, requireId, retrieveRecord, retrieveSegment } from './reads';
import { route } from './router';
import { type ApiRequest, type ApiResponse, type CallContext, jsonResponse } from './types';
import { createFromRequest, deleteFromRequest, patchFromRequest, writeProperty } from './writes';

/**
 * Runs one Web API request to completion. Writes run inside a transaction (a savepoint when
 * nested in a changeset), so a failure leaves nothing behind, webhook events included.
 */
export function handleApi(ctx: EmulatorContext, req: ApiRequest, call: CallContext): ApiResponse {
  const eventsBefore = ctx.pendingEvents.length;
  try {
    if (req.method === 'GET') return handleRead(ctx, req, call);
    if (route(ctx, req.path).kind === 'batch') {
      if (req.method !== 'POST') throw errors.methodNotAllowed(req.method);
      return handleBatch(ctx, req, call, (part, partCall) => handleApi(ctx, part, partCall));
    }
    return ctx.store.transaction(() => handleWrite(ctx, req, call));
  } catch (e) {
    ctx.pendingEvents.length = eventsBefore;
    return errorResponse(e);
  }
}

export function errorResponse(e: unknown): ApiResponse {
  const error =
    e instanceof DataverseError ? e : new DataverseError(500, '0x80040216', 'An unexpected error occurred.');
  if (!(e instanceof DataverseError)) console.error('dataverse emulator: unexpected error', e);
  return jsonResponse(error.status, error.toBody(), error.headers);
}

function handleRead(ctx: EmulatorContext, req: ApiRequest, call: CallContext): ApiResponse {
  const r = route(ctx, req.path);
  switch (r.kind) {
    case 'serviceDocument':
      return jsonResponse(200, {
        '@odata.context': `${serviceRoot(ctx)}/$metadata`,
        value: ctx.model.tables().map((t) => ({ name: t.entitySet, kind: 'EntitySet', url: t.entitySet })),
      });
    case 'metadata':
      return {
        status: 200,
        headers: { 'Content-Type': 'application/xml', 'OData-Version': '4.0' },
        body: metadataDocument(ctx.model),
      };
    case 'whoAmI':
      return jsonResponse(200, {
        '@odata.context': `${serviceRoot(ctx)}/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
        BusinessUnitId: ctx.seeds.businessUnitId,
        UserId: call.userId,
        OrganizationId: ctx.seeds.organizationId,
      });
    case 'batch':
    case 'publishXml':
    case 'solutionAction':
      throw errors.methodNotAllowed('GET');
    case 'entityDefinitions':
      return entityDefinitions(ctx, r.key, r.segment, req.query);
    case 'relationshipDefinitions':
      return relationshipDefinitions(ctx, r.key, r.segment, req.query);
    case 'globalOptionSetDefinitions':
      return globalOptionSetDefinitions(ctx, r.key, req.query);
    case 'collection':
      if (r.count) return countRecords(ctx, req, r.table);
      return listRecords(
        ctx,
        req,
        r.table,
        rowsOf(ctx, r.table),
        r.table.entitySet,
        r.table.entitySet,
        call.userId,
      );
    case 'entity': {
      const id = requireId(ctx, r.table, r.key, r.keyText);
      if (r.segment) return retrieveSegment(ctx, req, r.table, id, r.segment, r.rawValue ?? false);
      return retrieveRecord(ctx, req, r.table, id);
    }
  }
}

function handleWrite(ctx: EmulatorContext, req: ApiRequest, call: CallContext): ApiResponse {
  const r = route(ctx, req.path);
  // The emulator applies customizations as they are written, so publishing has nothing left to do.
  if (r.kind === 'publishXml' && req.method === 'POST') return { status: 204, headers: {}, body: '' };
  if (r.kind === 'solutionAction' && req.method === 'POST') return solutionAction(ctx, r.action, req);
  if (r.kind === 'collection' && !r.count && req.method === 'POST')
    return createFromRequest(ctx, req, r.table, call);
  if (r.kind === 'entity' && !r.segment) {
    if (req.method === 'PATCH') return patchFromRequest(ctx, req, r.table, r.key, r.keyText, call);
    if (req.method === 'DELETE')
      return deleteFromRequest(ctx, req, r.table, requireId(ctx, r.table, r.key, r.keyText), call);
  }
  if (r.kind === 'entity' && r.segment && (req.method === 'PUT' || req.method === 'DELETE')) {
    return writeProperty(ctx, req, r.table, requireId(ctx, r.table, r.key, r.keyText), r.segment, call);
  }
  throw errors.methodNotAllowed(req.method);
}
