import { serviceRoot, type EmulatorContext } from '../context';
import { errors } from '../errors';
import { isLookupRef, type TableDef } from '../model/types';
import { queryRows, rowsOf } from '../data/read';
import { findId } from '../data/write';
import type { KeySpec } from '../data/refs';
import { annotationFilter, contextFragment, etagOf, serializeRecord } from '../data/serialize';
import { decodeSkipToken, encodeSkipToken, MAX_PAGE_SIZE, pageSizeFromPrefer } from '../odata/paging';
import { listFetchXml } from './fetchReads';
import { parseQueryString, type QueryOptions } from '../odata/query';
import type { StoredRow } from '../store';
import { type ApiRequest, type ApiResponse, emptyResponse, jsonResponse } from './types';

function appliedPreferences(
  prefer: string | undefined,
  pageSize: number | undefined,
): Record<string, string> {
  const applied: string[] = [];
  if (pageSize !== undefined) applied.push(`odata.maxpagesize=${pageSize}`);
  const annotations = /odata\.include-annotations\s*=\s*("[^"]*"|[^,;\s]*)/i.exec(prefer ?? '');
  if (annotations) applied.push(`odata.include-annotations=${annotations[1]}`);
  return applied.length ? { 'Preference-Applied': applied.join(',') } : {};
}

/** A page of records with `@odata.count` and an absolute `@odata.nextLink` (§1.3). */
export function listRecords(
  ctx: EmulatorContext,
  req: ApiRequest,
  table: TableDef,
  source: StoredRow[],
  contextPath: string,
  linkPath: string,
  userId = '',
): ApiResponse {
  const fetchXml = new URLSearchParams(req.query).get('fetchXml');
  if (fetchXml) return listFetchXml(ctx, table, source, fetchXml, req.headers.prefer, userId);
  const options = parseQueryString(req.query);
  const prefer = req.headers.prefer;
  const requestedPageSize = pageSizeFromPrefer(prefer);
  const rows = queryRows(table, source, options);
  const pageSize = requestedPageSize ?? (options.top !== undefined ? undefined : MAX_PAGE_SIZE);
  const page = options.skiptoken ? (decodeSkipToken(options.skiptoken) ?? 1) : 1;
  let slice: StoredRow[];
  let nextLink: string | undefined;
  if (pageSize !== undefined) {
    const start = (page - 1) * pageSize;
    slice = rows.slice(start, start + pageSize);
    if (start + pageSize < rows.length) {
      const kept = new URLSearchParams(req.query);
      kept.delete('$skiptoken');
      const rest = kept.toString().replace(/%24/g, '$').replace(/\+/g, '%20');
      const token = encodeSkipToken(page + 1, slice[slice.length - 1].id, slice[0].id);
      nextLink = `${serviceRoot(ctx)}/${linkPath}?${rest ? `${rest}&` : ''}$skiptoken=${token}`;
    }
  } else {
    slice = rows.slice(0, options.top);
  }
  const annotations = annotationFilter(prefer);
  const body: Record<string, unknown> = {
    '@odata.context': `${serviceRoot(ctx)}/$metadata#${contextFragment(contextPath, options)}`,
  };
  if (options.count) body['@odata.count'] = Math.min(rows.length, MAX_PAGE_SIZE);
  body.value = slice.map((row) => serializeRecord(ctx, table, row, options, annotations));
  if (nextLink) body['@odata.nextLink'] = nextLink;
  return jsonResponse(200, body, appliedPreferences(prefer, requestedPageSize));
}

export function countRecords(ctx: EmulatorContext, req: ApiRequest, table: TableDef): ApiResponse {
  const rows = queryRows(table, rowsOf(ctx, table), parseQueryString(req.query));
  return {
    status: 200,
    headers: { 'Content-Type': 'text/plain', 'OData-Version': '4.0' },
    body: `\ufeff${rows.length}`,
  };
}

export function requireId(ctx: EmulatorContext, table: TableDef, key: KeySpec, keyText: string): string {
  const id = findId(ctx, table, key);
  if (!id)
    throw 'id' in key
      ? errors.notFound(table.logicalName, key.id)
      : errors.notFoundByKey(table.logicalName, keyText);
  return id;
}

export function representation(
  ctx: EmulatorContext,
  table: TableDef,
  id: string,
  options: QueryOptions,
  prefer: string | undefined,
): Record<string, unknown> {
  const row = ctx.store.get(table.logicalName, id)!;
  return {
    '@odata.context': `${serviceRoot(ctx)}/$metadata#${contextFragment(table.entitySet, options)}/$entity`,
    ...serializeRecord(ctx, table, row, options, annotationFilter(prefer)),
  };
}

export function retrieveRecord(
  ctx: EmulatorContext,
  req: ApiRequest,
  table: TableDef,
  id: string,
): ApiResponse {
  const row = ctx.store.get(table.logicalName, id)!;
  const options = parseQueryString(req.query);
  const etag = etagOf(row.version);
  const annotated = /include-annotations/i.test(req.headers.prefer ?? '');
  if (req.headers['if-none-match'] === etag && !options.expand && !annotated)
    return emptyResponse(304, { ETag: etag });
  return jsonResponse(200, representation(ctx, table, id, options, req.headers.prefer), { ETag: etag });
}

/** GET set(id)/navigation or set(id)/property. */
export function retrieveSegment(
  ctx: EmulatorContext,
  req: ApiRequest,
  table: TableDef,
  id: string,
  segment: string,
  rawValue: boolean,
): ApiResponse {
  const collection = table.collections[segment];
  if (collection) {
    const child = ctx.model.table(collection.table)!;
    const related = ctx.store.referencing(child.logicalName, collection.column, id);
    return listRecords(ctx, req, child, related, child.entitySet, `${table.entitySet}(${id})/${segment}`);
  }
  const lookup = table.lookups[segment];
  const record = ctx.store.get(table.logicalName, id)!.record;
  if (lookup) {
    const ref = record[lookup.column];
    if (!isLookupRef(ref) || ref.entity !== lookup.target) return emptyResponse(204);
    return retrieveRecord(ctx, { ...req, query: req.query }, ctx.model.table(lookup.target)!, ref.id);
  }
  const column = table.columns[segment];
  if (!column || column.validForRead === false) throw errors.resourceNotFound(segment);
  const value = record[segment] ?? null;
  const plain = isLookupRef(value) ? value.id : value;
  if (rawValue)
    return {
      status: 200,
      headers: { 'Content-Type': 'text/plain', 'OData-Version': '4.0' },
      body: String(plain ?? ''),
    };
  return jsonResponse(200, {
    '@odata.context': `${serviceRoot(ctx)}/$metadata#${table.entitySet}(${id})/${segment}`,
    value: plain,
  });
}
