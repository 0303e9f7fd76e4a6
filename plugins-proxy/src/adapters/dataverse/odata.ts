/**
 * Pure OData helpers for the Dataverse Web API: literals, filter/select/expand builders, key segments and
 * `@odata.bind` values; property names match a strict pattern, so a value never becomes syntax.
 */
import { LOOKUPS, SYSTEM_TABLES, TABLES, TableName } from '../../../../solution/names';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROPERTY = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/;

/** A GUID literal (unquoted in OData), distinct from a string that looks like one. */
export interface GuidValue {
  readonly guid: string;
}

export type ODataValue = string | number | boolean | null | Date | GuidValue;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

export function guid(value: string): GuidValue {
  if (!isGuid(value)) throw new Error(`Not a GUID: ${JSON.stringify(value)}`);
  return { guid: value.toLowerCase() };
}

export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  return String(value);
}

/** DateTimeOffset literal, UTC without milliseconds like Dataverse writes them. */
export function dateLiteral(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new Error('Invalid date');
  return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function literal(value: ODataValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateLiteral(value);
  return guid(value.guid).guid;
}

export function property(name: string): string {
  if (!PROPERTY.test(name)) throw new Error(`Not a property name: ${JSON.stringify(name)}`);
  return name;
}

/** The Web API property holding a lookup's GUID: `_<column>_value`. */
export function lookupProperty(column: string): string {
  return `_${property(column)}_value`;
}

type Comparison = 'eq' | 'ne';

function compare(op: Comparison) {
  return (name: string, value: ODataValue) => `${property(name)} ${op} ${literal(value)}`;
}

export const eq = compare('eq');
export const ne = compare('ne');

function join(op: 'and' | 'or', clauses: Array<string | undefined>): string {
  const present = clauses.filter((c): c is string => !!c);
  if (present.length === 1) return present[0];
  return present.map((c) => `(${c})`).join(` ${op} `);
}

export const and = (...clauses: Array<string | undefined>) => join('and', clauses);
export const or = (...clauses: Array<string | undefined>) => join('or', clauses);

export function contains(name: string, value: string): string {
  return `contains(${property(name)},${stringLiteral(value)})`;
}

/** `Microsoft.Dynamics.CRM.In`: the values are always passed as string literals. */
export function inValues(name: string, values: readonly (string | number)[]): string {
  const list = values.map((v) => stringLiteral(String(v))).join(',');
  return `Microsoft.Dynamics.CRM.In(PropertyName=${stringLiteral(property(name))},PropertyValues=[${list}])`;
}

export interface ExpandOption {
  navigation: string;
  select?: readonly string[];
  filter?: string;
  orderby?: string;
  top?: number;
}

export interface QueryOptions {
  select?: readonly string[];
  filter?: string;
  expand?: readonly ExpandOption[];
  orderby?: string;
  top?: number;
  count?: boolean;
}

export function selectList(columns: readonly string[]): string {
  return columns.map(property).join(',');
}

export function expandList(options: readonly ExpandOption[]): string {
  return options
    .map((o) => {
      const inner = [
        o.select?.length ? `$select=${selectList(o.select)}` : undefined,
        o.filter ? `$filter=${o.filter}` : undefined,
        o.orderby ? `$orderby=${o.orderby}` : undefined,
        o.top !== undefined ? `$top=${numberLiteral(o.top)}` : undefined,
      ].filter(Boolean);
      return inner.length ? `${property(o.navigation)}(${inner.join(';')})` : property(o.navigation);
    })
    .join(',');
}

/** `?$select=…&$filter=…` with each value percent-encoded; '' when there are no options. */
export function queryString(options: QueryOptions = {}): string {
  const parts: string[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value) parts.push(`${name}=${encodeURIComponent(value)}`);
  };
  add('$select', options.select?.length ? selectList(options.select) : undefined);
  add('$filter', options.filter);
  add('$expand', options.expand?.length ? expandList(options.expand) : undefined);
  add('$orderby', options.orderby);
  add('$top', options.top !== undefined ? numberLiteral(options.top) : undefined);
  add('$count', options.count ? 'true' : undefined);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** `invoices(<guid>)` */
export function keySegment(table: TableName, id: string): string {
  return `${property(table.entitySet)}(${guid(id).guid})`;
}

/** `stl_xerolinks(_stl_connectionid_value=<guid>,stl_entity='account',stl_recordid='…')` */
export function alternateKeySegment(table: TableName, key: Record<string, ODataValue>): string {
  const pairs = Object.entries(key).map(([name, value]) => `${property(name)}=${literal(value)}`);
  if (pairs.length === 0) throw new Error(`Empty alternate key for ${table.entitySet}`);
  return `${property(table.entitySet)}(${pairs.join(',')})`;
}

const ALL_TABLES: readonly TableName[] = [...Object.values(TABLES), ...Object.values(SYSTEM_TABLES)];

export function tableByLogicalName(logicalName: string): TableName {
  const table = ALL_TABLES.find((t) => t.logicalName === logicalName);
  if (!table) throw new Error(`No table ${logicalName} in the solution model`);
  return table;
}

/** `{ "stl_InvoiceId@odata.bind": "/invoices(<guid>)" }` for a lookup column of a table. */
export function bind(table: TableName, column: string, targetId: string): Record<string, string> {
  const lookup = LOOKUPS.find((l) => l.table === table.logicalName && l.column === column);
  if (!lookup) throw new Error(`No lookup ${table.logicalName}.${column} in the solution model`);
  const target = tableByLogicalName(lookup.target);
  return { [`${lookup.navigationProperty}@odata.bind`]: `/${keySegment(target, targetId)}` };
}

/** The id inside `…/invoices(<guid>)` (an OData-EntityId header or a bind value). */
export function idFromEntityUrl(url: string): string | undefined {
  const match = /\(([0-9a-fA-F-]{36})\)\s*$/.exec(url);
  return match ? match[1].toLowerCase() : undefined;
}
