import { isLookupRef, type StoredRecord, type TableDef } from '../model/types';
import { compareValues, type Literal } from './filter';
import type { AggregateColumn, FetchPlan } from './fetchXml';

/**
 * Grouping and aggregation as Microsoft Learn's "Aggregate data using FetchXml" describes it:
 * nulls are left out of every aggregate but count; countcolumn can count distinct values; a sum
 * of nothing is 0; date grouping takes a part of the date (day of the month, week of the year,
 * month, quarter, year) in UTC. Weeks start on Sunday and week 1 holds 1 January, which gives the
 * page's own example (25 March 2023 is week 12, 27 August 2023 week 35).
 */
export interface AggregateRow {
  /** alias -> value */
  readonly values: Record<string, Literal>;
  /** alias -> the grouped column's value before date grouping (for its formatted value). */
  readonly raw: Record<string, Literal>;
}

function weekOfYear(d: Date): number {
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((d.getTime() - jan1) / 86_400_000);
  return Math.floor((dayOfYear + new Date(jan1).getUTCDay()) / 7) + 1;
}

export function datePart(value: string, grouping: NonNullable<AggregateColumn['dateGrouping']>): number {
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  switch (grouping) {
    case 'day':
      return d.getUTCDate();
    case 'week':
      return weekOfYear(d);
    case 'month':
      return d.getUTCMonth() + 1;
    case 'quarter':
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'year':
      return d.getUTCFullYear();
  }
}

function read(table: TableDef, id: string, record: StoredRecord, column: string): Literal {
  if (column === table.primaryId) return id;
  const v = record[column];
  if (v === undefined) return null;
  return isLookupRef(v) ? v.id : v;
}

function aggregateOf(c: AggregateColumn, values: Literal[]): Literal {
  const present = values.filter((v) => v !== null);
  switch (c.aggregate) {
    case 'count':
      return values.length;
    case 'countcolumn':
      return c.distinct ? new Set(present.map((v) => String(v).toLowerCase())).size : present.length;
    case 'sum':
      return present.reduce<number>((n, v) => n + Number(v), 0);
    case 'avg':
      return present.length ? present.reduce<number>((n, v) => n + Number(v), 0) / present.length : null;
    case 'min':
    case 'max': {
      if (!present.length) return null;
      const sorted = [...present].sort(compareValues);
      return c.aggregate === 'min' ? sorted[0] : sorted[sorted.length - 1];
    }
    default:
      return null;
  }
}

export function aggregateRows(
  table: TableDef,
  rows: readonly { id: string; record: StoredRecord }[],
  aggregate: NonNullable<FetchPlan['aggregate']>,
): AggregateRow[] {
  const groups = aggregate.columns.filter((c) => c.groupby);
  const buckets = new Map<string, { key: AggregateRow; members: typeof rows }>();
  for (const row of rows) {
    const values: Record<string, Literal> = {};
    const raw: Record<string, Literal> = {};
    for (const g of groups) {
      const v = read(table, row.id, row.record, g.column);
      raw[g.alias] = v;
      values[g.alias] = v !== null && g.dateGrouping ? datePart(String(v), g.dateGrouping) : v;
    }
    const key = JSON.stringify(
      groups.map((g) =>
        typeof values[g.alias] === 'string' ? String(values[g.alias]).toLowerCase() : values[g.alias],
      ),
    );
    const bucket = buckets.get(key) ?? { key: { values, raw }, members: [] };
    (bucket.members as { id: string; record: StoredRecord }[]).push(row);
    buckets.set(key, bucket);
  }
  // One row of aggregates even over no rows, when nothing is grouped (count 0, sum 0).
  if (buckets.size === 0 && groups.length === 0)
    buckets.set('[]', { key: { values: {}, raw: {} }, members: [] });
  const result = [...buckets.values()].map(({ key, members }) => {
    const values = { ...key.values };
    for (const c of aggregate.columns.filter((x) => !x.groupby))
      values[c.alias] = aggregateOf(
        c,
        members.map((m) => read(table, m.id, m.record, c.column)),
      );
    return { values, raw: key.raw };
  });
  const orders = aggregate.orders.length
    ? aggregate.orders
    : groups.map((g) => ({ alias: g.alias, desc: false }));
  return result.sort((a, b) => {
    for (const o of orders) {
      const va = a.values[o.alias];
      const vb = b.values[o.alias];
      if (va === vb) continue;
      if (va === null) return o.desc ? 1 : -1;
      if (vb === null) return o.desc ? -1 : 1;
      const c = compareValues(va, vb);
      if (c !== 0) return o.desc ? -c : c;
    }
    return 0;
  });
}
