import { serviceRoot, type EmulatorContext } from '../context';
import { DataverseError } from '../errors';
import type { TableDef } from '../model/types';
import { queryRows } from '../data/read';
import {
  annotationFilter,
  contextFragment,
  formatValue,
  serializeRecord,
  type AnnotationFilter,
} from '../data/serialize';
import { aggregateRows, type AggregateRow } from '../odata/fetchAggregate';
import { fetchPlan, type FetchPlan, type LinkPlan } from '../odata/fetchXml';
import type { Literal } from '../odata/filter';
import type { StoredRow } from '../store';
import { type ApiResponse, jsonResponse } from './types';

/**
 * `GET <set>?fetchXml=…` (Microsoft Learn, "Page results using FetchXml"): `count` rows of page
 * `page`; while more rows match, the answer carries `@Microsoft.Dynamics.CRM.morerecords` and a
 * `@Microsoft.Dynamics.CRM.fetchxmlpagingcookie` (a `<cookie pagenumber pagingcookie istracking>`
 * whose `pagingcookie` is the `<cookie page><id last first/></cookie>` URL-encoded twice), when
 * `Prefer: odata.include-annotations` asks for them; the last page has neither. FetchXML answers
 * have no `@odata.nextLink`. The emulator resumes by `page`, so a cookie only has to parse.
 */
const PAGING_COOKIE = 'Microsoft.Dynamics.CRM.fetchxmlpagingcookie';
const MORE_RECORDS = 'Microsoft.Dynamics.CRM.morerecords';
const FORMATTED = 'OData.Community.Display.V1.FormattedValue';
const LOOKUP_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';

const lowerEscapes = (s: string) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

export function pagingCookie(table: TableDef, page: number, first: string, last: string): string {
  const id = (s: string) => `{${s.toUpperCase()}}`;
  const inner = `<cookie page="${page}"><${table.primaryId} last="${id(last)}" first="${id(first)}" /></cookie>`;
  return `<cookie pagenumber="${page + 1}" pagingcookie="${lowerEscapes(lowerEscapes(inner))}" istracking="False" />`;
}

function valueOf(row: StoredRow, table: TableDef, column: string): unknown {
  if (column === table.primaryId) return row.id;
  const v = row.record[column];
  return typeof v === 'object' && v !== null && 'id' in v ? v.id : v;
}

/** Applies the link-entities: `inner` repeats a row per linked row, `exists` and `in` keep it once. */
function applyLinks(
  ctx: EmulatorContext,
  table: TableDef,
  rows: StoredRow[],
  links: readonly LinkPlan[],
): StoredRow[] {
  return links.reduce((current, link) => {
    const linked = queryRows(link.table, ctx.store.all(link.table.logicalName), { filter: link.filter });
    const matches = new Map<string, number>();
    for (const l of linked) {
      const key = String(valueOf(l, link.table, link.from) ?? '').toLowerCase();
      if (key) matches.set(key, (matches.get(key) ?? 0) + 1);
    }
    return current.flatMap((row) => {
      const n = matches.get(String(valueOf(row, table, link.to) ?? '').toLowerCase()) ?? 0;
      if (n === 0) return [];
      return link.type === 'inner' ? Array<StoredRow>(n).fill(row) : [row];
    });
  }, rows);
}

function serializeAggregate(
  ctx: EmulatorContext,
  table: TableDef,
  plan: NonNullable<FetchPlan['aggregate']>,
  row: AggregateRow,
  annotations: AnnotationFilter,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of plan.columns) {
    const value = row.values[c.alias];
    const column = table.columns[c.column];
    const counted = c.aggregate === 'count' || c.aggregate === 'countcolumn' || c.dateGrouping !== undefined;
    if (value !== null && annotations(FORMATTED)) {
      const formatted = counted
        ? Number(value).toLocaleString('en-US')
        : column?.type === 'lookup'
          ? primaryName(ctx, row.raw[c.alias], column.targets ?? [])
          : column && formatValue(ctx, column, value, {});
      if (formatted !== undefined) out[`${c.alias}@${FORMATTED}`] = formatted;
    }
    if (column?.type === 'lookup' && c.groupby && value !== null && annotations(LOOKUP_NAME))
      out[`${c.alias}@${LOOKUP_NAME}`] = lookupTarget(ctx, value, column.targets ?? []);
    out[c.alias] = value;
  }
  return out;
}

function lookupTarget(ctx: EmulatorContext, id: Literal, targets: string[]): string | undefined {
  return targets.find((t) => ctx.store.get(t, String(id)));
}

function primaryName(ctx: EmulatorContext, id: Literal, targets: string[]): string | undefined {
  const target = lookupTarget(ctx, id, targets);
  const def = target ? ctx.model.table(target) : undefined;
  const name = def ? ctx.store.get(def.logicalName, String(id))?.record[def.primaryName] : undefined;
  return typeof name === 'string' ? name : undefined;
}

export function listFetchXml(
  ctx: EmulatorContext,
  table: TableDef,
  source: StoredRow[],
  fetchXml: string,
  prefer: string | undefined,
  userId: string,
): ApiResponse {
  const plan = fetchPlan(ctx.model, table, fetchXml, { userId, now: Date.now() });
  let rows = applyLinks(ctx, table, queryRows(table, source, plan.options), plan.links);
  const annotations = annotationFilter(prefer);
  const body: Record<string, unknown> = {
    '@odata.context': `${serviceRoot(ctx)}/$metadata#${contextFragment(table.entitySet, plan.options)}`,
  };
  const { size, number } = plan.page;
  if (plan.aggregate) {
    if (rows.length > plan.aggregate.limit)
      throw new DataverseError(
        400,
        '0x8004e023',
        'AggregateQueryRecordLimit exceeded. Cannot perform this operation.',
      );
    const grouped = aggregateRows(table, rows, plan.aggregate);
    const limited =
      plan.options.top !== undefined
        ? grouped.slice(0, plan.options.top)
        : grouped.slice((number - 1) * size, number * size);
    body.value = limited.map((r) => serializeAggregate(ctx, table, plan.aggregate!, r, annotations));
  } else {
    if (plan.distinct) rows = rows.filter((r, i) => rows.findIndex((x) => x.id === r.id) === i);
    const start = plan.options.top !== undefined ? 0 : (number - 1) * size;
    const slice = rows.slice(start, plan.options.top ?? start + size);
    const more = plan.options.top === undefined && start + size < rows.length;
    if (more && annotations(PAGING_COOKIE))
      body[`@${PAGING_COOKIE}`] = pagingCookie(table, number, slice[0].id, slice[slice.length - 1].id);
    if (more && annotations(MORE_RECORDS)) body[`@${MORE_RECORDS}`] = true;
    body.value = slice.map((row) => serializeRecord(ctx, table, row, plan.options, annotations));
  }
  const applied = /odata\.include-annotations\s*=\s*("[^"]*"|[^,;\s]*)/i.exec(prefer ?? '');
  return jsonResponse(
    200,
    body,
    applied ? { 'Preference-Applied': `odata.include-annotations=${applied[1]}` } : {},
  );
}
