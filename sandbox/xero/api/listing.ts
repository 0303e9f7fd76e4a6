// List GETs (reference/xero-api.md §3.4): If-Modified-Since on UpdatedDateUTC, explicit id/number/
// status lists, `where`, `searchTerm`, `order`, and paging (100 a page, pageSize up to 1000, with the
// `pagination` object).
import type { HttpReply } from '../http/messages';
import { compileWhere } from '../domain/where';
import { parseTimestamp } from '../domain/xeroDates';
import { envelope, queryFlag, queryList, queryParam, validationException, type ApiCall } from './call';

type Json = Record<string, unknown>;

export interface ListSpec<T> {
  collection: string;
  records: T[];
  updatedMs?: (record: T) => number;
  render: (record: T, paged: boolean) => Json;
  /** Query list parameter → rendered field it matches (IDs → InvoiceID, Statuses → Status …). */
  listFilters?: Record<string, (json: Json) => unknown>;
  searchFields?: string[];
  pageable?: boolean;
  /** Hidden unless includeArchived=true. */
  isArchived?: (json: Json) => boolean;
}

function orderBy(items: Json[], order: string | undefined): Json[] {
  if (!order) return items;
  const [field, direction] = order.trim().split(/\s+/);
  const sign = direction?.toUpperCase() === 'DESC' ? -1 : 1;
  const key = (json: Json) => {
    const value = json[Object.keys(json).find((k) => k.toLowerCase() === field.toLowerCase()) ?? field];
    return typeof value === 'string' ? (parseTimestamp(value) ?? value.toLowerCase()) : value;
  };
  return [...items].sort((a, b) => {
    const [x, y] = [key(a), key(b)] as [number | string, number | string];
    return x === y ? 0 : x > y ? sign : -sign;
  });
}

export function listResource<T>(call: ApiCall, spec: ListSpec<T>): HttpReply {
  const sinceHeader = call.req.headers['if-modified-since'];
  const since =
    typeof sinceHeader === 'string' && sinceHeader !== '' ? parseTimestamp(sinceHeader) : undefined;
  const pageText = spec.pageable ? queryParam(call, 'page') : undefined;
  const paged = pageText !== undefined;
  let records = spec.records;
  if (since !== undefined && spec.updatedMs) records = records.filter((r) => spec.updatedMs!(r) >= since);
  let items = records.map((r) => spec.render(r, paged));

  for (const [param, field] of Object.entries(spec.listFilters ?? {})) {
    const wanted = queryList(call, param)?.map((v) => v.toLowerCase());
    if (wanted) items = items.filter((json) => wanted.includes(String(field(json) ?? '').toLowerCase()));
  }
  if (spec.isArchived && queryFlag(call, 'includeArchived') !== true)
    items = items.filter((j) => !spec.isArchived!(j));
  const where = queryParam(call, 'where');
  if (where) {
    const filter = compileWhere(where);
    if (!filter.ok) return validationException(undefined, filter.error);
    items = items.filter(filter.test);
  }
  const term = queryParam(call, 'searchTerm')?.toLowerCase();
  if (term && spec.searchFields) {
    items = items.filter((json) =>
      spec.searchFields!.some((f) =>
        String(json[f] ?? '')
          .toLowerCase()
          .includes(term),
      ),
    );
  }
  items = orderBy(items, queryParam(call, 'order'));
  if (!paged) return envelope(call, spec.collection, items);

  const page = Math.max(1, Number.parseInt(pageText, 10) || 1);
  const pageSize = Math.min(
    1000,
    Math.max(1, Number.parseInt(queryParam(call, 'pageSize') ?? '100', 10) || 100),
  );
  const pageItems = items.slice((page - 1) * pageSize, page * pageSize);
  return envelope(call, spec.collection, pageItems, {
    pagination: { page, pageSize, pageCount: Math.ceil(items.length / pageSize), itemCount: items.length },
  });
}
