import type { EmulatorContext } from '../context';
import { errors } from '../errors';
import type { StoredRecord, TableDef } from '../model/types';
import { entityUrl, type KeySpec, matchAlternateKey } from '../data/refs';
import { etagOf } from '../data/serialize';
import { createRecord, deleteRecord, findId, updateRecord, type WriteOptions } from '../data/write';
import { coerceValue } from '../data/values';
import { parseQueryString } from '../odata/query';
import { representation } from './reads';
import { type ApiRequest, type ApiResponse, type CallContext, emptyResponse, jsonResponse } from './types';

export function parseJsonBody(req: ApiRequest): Record<string, unknown> {
  if (!req.body.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(req.body);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // reported below with Dataverse's wording
  }
  throw errors.badRequest(
    'Error identified in Payload provided by the user for Entity. The request body is not a valid JSON object.',
  );
}

const wantsRepresentation = (req: ApiRequest) => /return=representation/i.test(req.headers.prefer ?? '');

function writeOptions(call: CallContext): WriteOptions {
  return { userId: call.userId, correlationId: call.correlationId, contentIds: call.contentIds };
}

function withRepresentation(
  ctx: EmulatorContext,
  req: ApiRequest,
  table: TableDef,
  id: string,
  status: number,
  extra: Record<string, string> = {},
): ApiResponse {
  const options = parseQueryString(req.query);
  // $expand is ignored on PATCH (reference/dataverse-webapi.md §1.5)
  if (req.method === 'PATCH') delete options.expand;
  const row = ctx.store.get(table.logicalName, id)!;
  return jsonResponse(status, representation(ctx, table, id, options, req.headers.prefer), {
    'Preference-Applied': 'return=representation',
    ETag: etagOf(row.version),
    ...extra,
  });
}

/** POST set: 204 + OData-EntityId, or 201 with the record (§1.5). */
export function createFromRequest(
  ctx: EmulatorContext,
  req: ApiRequest,
  table: TableDef,
  call: CallContext,
): ApiResponse {
  const { id } = createRecord(ctx, table, parseJsonBody(req), writeOptions(call));
  const entity = { entitySet: table.entitySet, id };
  if (wantsRepresentation(req)) return { ...withRepresentation(ctx, req, table, id, 201), entity };
  const url = entityUrl(ctx, table, id);
  return { ...emptyResponse(204, { Location: url, 'OData-EntityId': url }), entity };
}

function checkIfMatch(ctx: EmulatorContext, table: TableDef, id: string, ifMatch: string | undefined): void {
  if (!ifMatch || ifMatch.trim() === '*') return;
  const row = ctx.store.get(table.logicalName, id)!;
  if (ifMatch.trim() !== etagOf(row.version)) throw errors.versionMismatch();
}

/** PATCH set(key): update with If-Match, create-only with If-None-Match: *, upsert otherwise. */
export function patchFromRequest(
  ctx: EmulatorContext,
  req: ApiRequest,
  table: TableDef,
  key: KeySpec,
  keyText: string,
  call: CallContext,
): ApiResponse {
  const body = parseJsonBody(req);
  const ifMatch = req.headers['if-match'];
  const ifNoneMatch = req.headers['if-none-match'];
  const existingId = findId(ctx, table, key);
  let id: string;
  let created = false;
  if (existingId) {
    if (ifNoneMatch?.trim() === '*') throw errors.alreadyExists();
    checkIfMatch(ctx, table, existingId, ifMatch);
    id = existingId;
    const keyColumns =
      'alternate' in key ? Object.keys(matchAlternateKey(table, key.alternate)) : [table.primaryId];
    for (const column of keyColumns) delete body[column];
    updateRecord(ctx, table, id, body, writeOptions(call));
  } else {
    if (ifMatch) {
      throw 'id' in key
        ? errors.notFound(table.logicalName, key.id)
        : errors.notFoundByKey(table.logicalName, keyText);
    }
    const preset = 'id' in key ? { [table.primaryId]: key.id } : keyValues(ctx, table, key.alternate);
    id = createRecord(
      ctx,
      table,
      { ...body, ...('id' in key ? preset : {}) },
      writeOptions(call),
      'id' in key ? {} : preset,
    ).id;
    created = true;
  }
  const entity = { entitySet: table.entitySet, id };
  const url = entityUrl(ctx, table, id);
  if (wantsRepresentation(req)) {
    return {
      ...withRepresentation(ctx, req, table, id, created ? 201 : 200, { 'OData-EntityId': url }),
      entity,
    };
  }
  return { ...emptyResponse(204, { 'OData-EntityId': url }), entity };
}

/** The URL's alternate-key values, copied into a record the upsert creates (§1.5). */
function keyValues(ctx: EmulatorContext, table: TableDef, alternate: Record<string, unknown>): StoredRecord {
  const record: StoredRecord = {};
  for (const [column, value] of Object.entries(matchAlternateKey(table, alternate))) {
    const def = table.columns[column];
    if (def?.type === 'lookup') {
      const target = def.targets?.[0] ?? '';
      if (!ctx.store.get(target, String(value))) throw errors.notFound(target, String(value));
      record[column] = { id: String(value), entity: target };
    } else if (def) {
      record[column] = coerceValue(table, def, value);
    }
  }
  return record;
}

export function deleteFromRequest(
  ctx: EmulatorContext,
  req: ApiRequest,
  table: TableDef,
  id: string,
  call: CallContext,
): ApiResponse {
  checkIfMatch(ctx, table, id, req.headers['if-match']);
  deleteRecord(ctx, table, id, writeOptions(call));
  return emptyResponse(204);
}

/** PUT set(id)/property {"value": …} and DELETE set(id)/property (§1.5, single property). */
export function writeProperty(
  ctx: EmulatorContext,
  req: ApiRequest,
  table: TableDef,
  id: string,
  property: string,
  call: CallContext,
): ApiResponse {
  const value = req.method === 'DELETE' ? null : parseJsonBody(req).value;
  if (table.lookups[property] && req.method === 'DELETE') {
    updateRecord(ctx, table, id, { [`${property}@odata.bind`]: null }, writeOptions(call));
  } else {
    updateRecord(ctx, table, id, { [property]: value ?? null }, writeOptions(call));
  }
  return emptyResponse(204);
}
