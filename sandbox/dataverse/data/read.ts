import type { EmulatorContext } from '../context';
import { CODES, DataverseError } from '../errors';
import { isLookupRef, type StoredRecord, type TableDef } from '../model/types';
import { compareValues, evaluateFilter, filterProperties, type Literal } from '../odata/filter';
import type { QueryOptions } from '../odata/query';
import type { StoredRow } from '../store';

export function unknownPropertyError(name: string, table: TableDef): DataverseError {
  return new DataverseError(
    400,
    CODES.invalidProperty,
    `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
  );
}

/** The column a query names: `_x_value` for a lookup, the logical name otherwise. */
export function columnForProperty(table: TableDef, name: string): string {
  const lookup = /^_(.+)_value$/.exec(name);
  if (lookup && table.columns[lookup[1]]?.type === 'lookup') return lookup[1];
  const column = table.columns[name];
  if (!column || column.type === 'lookup' || column.validForRead === false)
    throw unknownPropertyError(name, table);
  return name;
}

export function readProperty(record: StoredRecord, column: string): Literal {
  const value = record[column];
  if (value === undefined) return null;
  return isLookupRef(value) ? value.id : value;
}

/** Filters and orders the rows; default order is by primary id, as Dataverse pages by it. */
export function queryRows(table: TableDef, rows: StoredRow[], options: QueryOptions): StoredRow[] {
  let result = rows;
  if (options.filter) {
    const columns = new Map(filterProperties(options.filter).map((p) => [p, columnForProperty(table, p)]));
    const filter = options.filter;
    result = result.filter((row) => evaluateFilter(filter, (p) => readProperty(row.record, columns.get(p)!)));
  }
  const order = (options.orderby ?? []).map((o) => ({
    column: columnForProperty(table, o.property),
    desc: o.desc,
  }));
  return [...result].sort((a, b) => {
    for (const o of order) {
      const va = readProperty(a.record, o.column);
      const vb = readProperty(b.record, o.column);
      if (va === vb) continue;
      if (va === null) return o.desc ? 1 : -1;
      if (vb === null) return o.desc ? -1 : 1;
      const c = compareValues(va, vb);
      if (c !== 0) return o.desc ? -c : c;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

export function rowsOf(ctx: EmulatorContext, table: TableDef): StoredRow[] {
  return ctx.store.all(table.logicalName);
}
