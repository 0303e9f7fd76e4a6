import { SYSTEM_TABLES } from '../../../solution/names';
import type { EmulatorContext } from '../context';
import { errors } from '../errors';
import { isLookupRef, type ColumnDef, type StoredRecord, type TableDef } from '../model/types';
import type { ExpandOption, QueryOptions } from '../odata/query';
import type { StoredRow } from '../store';
import { columnForProperty, queryRows } from './read';

const FORMATTED = 'OData.Community.Display.V1.FormattedValue';
const LOOKUP_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';
const ASSOCIATED_NAV = 'Microsoft.Dynamics.CRM.associatednavigationproperty';

/** Which annotations `Prefer: odata.include-annotations="…"` asked for (§1.2, §1.4). */
export type AnnotationFilter = (term: string) => boolean;

export function annotationFilter(prefer: string | undefined): AnnotationFilter {
  const m = /odata\.include-annotations\s*=\s*"?([^";]*)"?/i.exec(prefer ?? '');
  if (!m) return () => false;
  const patterns = m[1].split(',').map((p) => p.trim());
  return (term) =>
    patterns.some((p) => p === '*' || p === term || (p.endsWith('*') && term.startsWith(p.slice(0, -1))));
}

export function etagOf(version: number): string {
  return `W/"${version}"`;
}

export function serializeRecord(
  ctx: EmulatorContext,
  table: TableDef,
  row: StoredRow,
  options: QueryOptions,
  annotations: AnnotationFilter,
): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': etagOf(row.version) };
  const columns = selectedColumns(table, options.select);
  for (const column of columns) writeColumn(ctx, table, row.record, table.columns[column], out, annotations);
  for (const expand of options.expand ?? [])
    out[expand.navigation] = expandValue(ctx, table, row, expand, annotations);
  return out;
}

function selectedColumns(table: TableDef, select: string[] | undefined): string[] {
  const readable = (c: ColumnDef) => c.validForRead !== false;
  if (!select || select.length === 0 || select.includes('*')) {
    return Object.values(table.columns)
      .filter(readable)
      .map((c) => c.logicalName);
  }
  const chosen = select.map((s) => (table.columns[s]?.type === 'lookup' ? s : columnForProperty(table, s)));
  const hasMoney = chosen.some((c) => table.columns[c]?.type === 'money');
  if (hasMoney && table.columns.transactioncurrencyid) chosen.push('transactioncurrencyid');
  chosen.push(table.primaryId);
  return [...new Set(chosen)];
}

function writeColumn(
  ctx: EmulatorContext,
  table: TableDef,
  record: StoredRecord,
  column: ColumnDef,
  out: Record<string, unknown>,
  annotations: AnnotationFilter,
): void {
  const value = record[column.logicalName] ?? null;
  if (column.type === 'lookup') {
    const key = `_${column.logicalName}_value`;
    if (isLookupRef(value)) {
      if (annotations(FORMATTED)) {
        const name = primaryNameOf(ctx, value.entity, value.id);
        if (name !== undefined) out[`${key}@${FORMATTED}`] = name;
      }
      if (annotations(ASSOCIATED_NAV)) {
        const nav = Object.values(table.lookups).find(
          (l) => l.column === column.logicalName && l.target === value.entity,
        );
        if (nav) out[`${key}@${ASSOCIATED_NAV}`] = nav.name;
      }
      if (annotations(LOOKUP_NAME)) out[`${key}@${LOOKUP_NAME}`] = value.entity;
    }
    out[key] = isLookupRef(value) ? value.id : null;
    return;
  }
  if (value !== null && annotations(FORMATTED)) {
    const formatted = formatValue(ctx, column, value, record);
    if (formatted !== undefined) out[`${column.logicalName}@${FORMATTED}`] = formatted;
  }
  out[column.logicalName] = value;
}

function primaryNameOf(ctx: EmulatorContext, entity: string, id: string): string | undefined {
  const table = ctx.model.table(entity);
  const row = table ? ctx.store.get(entity, id) : undefined;
  const name = row && table ? row.record[table.primaryName] : undefined;
  return typeof name === 'string' ? name : undefined;
}

export function formatValue(
  ctx: EmulatorContext,
  column: ColumnDef,
  value: unknown,
  record: StoredRecord,
): string | undefined {
  switch (column.type) {
    case 'money': {
      const currency = isLookupRef(record.transactioncurrencyid)
        ? ctx.store.get(SYSTEM_TABLES.transactionCurrency.logicalName, record.transactioncurrencyid.id)
            ?.record
        : undefined;
      const symbol = typeof currency?.currencysymbol === 'string' ? currency.currencysymbol : '$';
      const n = Number(value);
      const text = Math.abs(n).toLocaleString('en-US', {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
      return n < 0 ? `-${symbol}${text}` : `${symbol}${text}`;
    }
    case 'picklist':
    case 'state':
    case 'status':
      return column.options?.find((o) => o.value === value)?.label;
    case 'bool':
      return column.options?.find((o) => o.value === (value ? 1 : 0))?.label ?? (value ? 'Yes' : 'No');
    case 'int':
    case 'decimal':
    case 'double':
    case 'bigint':
      return Number(value).toLocaleString('en-US', { maximumFractionDigits: 10 });
    case 'datetime': {
      const d = new Date(String(value));
      const h = d.getUTCHours();
      const minutes = String(d.getUTCMinutes()).padStart(2, '0');
      const date = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
      return `${date} ${h % 12 === 0 ? 12 : h % 12}:${minutes} ${h < 12 ? 'AM' : 'PM'}`;
    }
    case 'dateonly': {
      const [y, m, dd] = String(value).split('-').map(Number);
      return `${m}/${dd}/${y}`;
    }
    default:
      return undefined;
  }
}

function expandValue(
  ctx: EmulatorContext,
  table: TableDef,
  row: StoredRow,
  expand: ExpandOption,
  annotations: AnnotationFilter,
): unknown {
  const lookup = table.lookups[expand.navigation];
  if (lookup) {
    const ref = row.record[lookup.column];
    if (!isLookupRef(ref)) return null;
    // A principal (ownerid) points at a user or a team; other navigation properties at one table.
    const targets = lookup.name === 'ownerid' ? (table.columns.ownerid?.targets ?? []) : [lookup.target];
    if (!targets.includes(ref.entity)) return null;
    const target = ctx.model.table(ref.entity)!;
    const related = ctx.store.get(target.logicalName, ref.id);
    return related ? serializeRecord(ctx, target, related, expand.options, annotations) : null;
  }
  const collection = table.collections[expand.navigation];
  if (!collection)
    throw errors.badRequest(
      `Could not find a property named '${expand.navigation}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
    );
  const child = ctx.model.table(collection.table)!;
  const related = ctx.store.referencing(child.logicalName, collection.column, row.id);
  const rows = queryRows(child, related, expand.options);
  const limited = expand.options.top !== undefined ? rows.slice(0, expand.options.top) : rows;
  return limited.map((r) => serializeRecord(ctx, child, r, expand.options, annotations));
}

/** The `@odata.context` fragment: `invoices(name,invoice_details(quantity))`. */
export function contextFragment(entitySet: string, options: QueryOptions): string {
  const parts = [...(options.select ?? [])];
  for (const e of options.expand ?? []) parts.push(`${e.navigation}(${(e.options.select ?? []).join(',')})`);
  return parts.length ? `${entitySet}(${parts.join(',')})` : entitySet;
}
