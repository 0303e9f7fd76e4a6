import { errors } from '../errors';
import type { Model } from '../model/model';
import type { TableDef } from '../model/types';
import { childrenOf, parseXml, type XmlElement } from '../model/xml';
import { filtersOf, propertyOf, type FetchEnv } from './fetchConditions';
import type { FilterNode } from './filter';
import type { QueryOptions } from './query';

/**
 * A `GET <set>?fetchXml=…` query as a plan: the rows (attributes, orders, filters), the
 * link-entities that filter them, an aggregate, and the page. What Dataverse does with each part
 * is on Microsoft Learn ("Page results using FetchXml", "Aggregate data using FetchXml", "Join
 * tables using FetchXml"); the emulator's own limits are refused with a message naming them.
 */
export type { FetchEnv } from './fetchConditions';

export const MAX_FETCH_PAGE = 5000;

export interface LinkPlan {
  readonly table: TableDef;
  /** The column of the linked table that must equal `to` of the parent row. */
  readonly from: string;
  readonly to: string;
  /** inner: one result row per linked row; exists / in: the parent row once. */
  readonly type: 'inner' | 'exists' | 'in';
  readonly filter?: FilterNode;
}

export interface AggregateColumn {
  readonly alias: string;
  readonly column: string;
  readonly groupby: boolean;
  readonly aggregate?: 'count' | 'countcolumn' | 'sum' | 'avg' | 'min' | 'max';
  readonly dateGrouping?: 'day' | 'week' | 'month' | 'quarter' | 'year';
  readonly distinct: boolean;
}

export interface FetchPlan {
  readonly options: QueryOptions;
  readonly links: readonly LinkPlan[];
  readonly distinct: boolean;
  readonly aggregate?: {
    readonly columns: readonly AggregateColumn[];
    readonly orders: readonly { alias: string; desc: boolean }[];
    readonly limit: number;
  };
  /** Simple and cookie paging: `count` rows of page `page` (both default when absent). */
  readonly page: { readonly size: number; readonly number: number; readonly explicit: boolean };
}

const AGGREGATES = new Set(['count', 'countcolumn', 'sum', 'avg', 'min', 'max']);
const DATE_GROUPINGS = new Set(['day', 'week', 'month', 'quarter', 'year']);
/** Queries that aggregate are limited to 50,000 rows (Microsoft Learn, "Aggregate data using FetchXml"). */
export const AGGREGATE_RECORD_LIMIT = 50_000;

function linkPlan(model: Model, parent: TableDef, link: XmlElement, env: FetchEnv): LinkPlan {
  const table = model.table(link.attrs.name ?? '');
  if (!table) throw errors.badRequest(`The entity '${link.attrs.name}' of a link-entity does not exist.`);
  const type = (link.attrs['link-type'] ?? 'inner').toLowerCase();
  if (type !== 'inner' && type !== 'exists' && type !== 'in')
    throw errors.badRequest(`The emulator models link-type inner, exists and in, not '${type}'.`);
  if (
    childrenOf(link, 'attribute').length ||
    childrenOf(link, 'link-entity').length ||
    childrenOf(link, 'order').length
  )
    throw errors.badRequest(
      'The emulator models link-entity as a filter only: no attributes, orders or nested links.',
    );
  const from = link.attrs.from ?? '';
  const to = link.attrs.to ?? '';
  for (const [t, c] of [
    [table, from],
    [parent, to],
  ] as const)
    if (c !== t.primaryId && !t.columns[c])
      throw errors.badRequest(
        `'${t.logicalName}' entity doesn't contain attribute with Name = '${c}' and NameMapping = 'Logical'.`,
      );
  return { table, from, to, type, filter: filtersOf(table, link, env) };
}

function aggregateColumn(table: TableDef, a: XmlElement): AggregateColumn {
  const column = a.attrs.name ?? '';
  const alias = a.attrs.alias;
  if (!alias)
    throw errors.badRequest(`An aggregate query needs an alias on every attribute; '${column}' has none.`);
  const groupby = a.attrs.groupby === 'true';
  const aggregate = a.attrs.aggregate?.toLowerCase();
  if (!groupby && !aggregate)
    throw errors.badRequest(`In an aggregate query the attribute '${column}' must be grouped or aggregated.`);
  if (aggregate && !AGGREGATES.has(aggregate)) throw errors.badRequest(`Unknown aggregate '${aggregate}'.`);
  const type = table.columns[column]?.type;
  if (!type && column !== table.primaryId)
    throw errors.badRequest(
      `'${table.logicalName}' entity doesn't contain attribute with Name = '${column}' and NameMapping = 'Logical'.`,
    );
  // Stricter than we could confirm: grouping by a multi-line text column is refused.
  if (groupby && type === 'memo')
    throw errors.badRequest(`The attribute '${column}' is multi-line text and cannot be grouped by.`);
  if (
    (aggregate === 'sum' || aggregate === 'avg') &&
    !['int', 'bigint', 'decimal', 'double', 'money'].includes(type ?? '')
  )
    throw errors.badRequest(`The aggregate ${aggregate} needs a number column; '${column}' is ${type}.`);
  const dateGrouping = a.attrs.dategrouping?.toLowerCase();
  if (dateGrouping && (!DATE_GROUPINGS.has(dateGrouping) || (type !== 'datetime' && type !== 'dateonly')))
    throw errors.badRequest(
      `The date grouping '${dateGrouping}' needs a date column; '${column}' is ${type}.`,
    );
  return {
    alias,
    column,
    groupby,
    aggregate: aggregate as AggregateColumn['aggregate'],
    dateGrouping: dateGrouping as AggregateColumn['dateGrouping'],
    distinct: a.attrs.distinct === 'true',
  };
}

function pageOf(fetch: XmlElement): FetchPlan['page'] {
  const count = fetch.attrs.count === undefined ? undefined : Number(fetch.attrs.count);
  const page = fetch.attrs.page === undefined ? undefined : Number(fetch.attrs.page);
  if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > MAX_FETCH_PAGE))
    throw errors.badRequest(`The fetch count must be 1 to ${MAX_FETCH_PAGE}; it is '${fetch.attrs.count}'.`);
  if (page !== undefined && (!Number.isInteger(page) || page < 1))
    throw errors.badRequest(`The fetch page must be 1 or more; it is '${fetch.attrs.page}'.`);
  // Stricter than we could confirm: Learn says top and paging "are not compatible"; we refuse both.
  if (fetch.attrs.top !== undefined && (count !== undefined || page !== undefined))
    throw errors.badRequest("The fetch attribute 'top' cannot be used with 'count' or 'page' (paging).");
  return { size: count ?? MAX_FETCH_PAGE, number: page ?? 1, explicit: page !== undefined };
}

export function fetchPlan(model: Model, table: TableDef, fetchXml: string, env: FetchEnv): FetchPlan {
  const fetch = parseXml(fetchXml);
  const entity = childrenOf(fetch, 'entity')[0];
  if (fetch.name !== 'fetch' || !entity || entity.attrs.name !== table.logicalName) {
    throw errors.badRequest(`The FetchXML entity must be '${table.logicalName}' for this entity set.`);
  }
  const options: QueryOptions = {};
  const filter = filtersOf(table, entity, env);
  if (filter) options.filter = filter;
  const links = childrenOf(entity, 'link-entity').map((l) => linkPlan(model, table, l, env));
  const attributes = childrenOf(entity, 'attribute');
  const isAggregate = fetch.attrs.aggregate === 'true';
  const top = Number(fetch.attrs.top);
  const base = { options, links, distinct: fetch.attrs.distinct === 'true', page: pageOf(fetch) };
  if (isAggregate) {
    const limit = Number(fetch.attrs.aggregatelimit ?? AGGREGATE_RECORD_LIMIT);
    const orders = childrenOf(entity, 'order').map((o) => ({
      alias: o.attrs.alias ?? '',
      desc: o.attrs.descending === 'true',
    }));
    const columns = attributes.map((a) => aggregateColumn(table, a));
    for (const o of orders)
      if (!columns.some((c) => c.alias === o.alias))
        throw errors.badRequest(`The order alias '${o.alias}' names no attribute of the aggregate query.`);
    if (Number.isInteger(top) && top > 0) options.top = top;
    return { ...base, aggregate: { columns, orders, limit: Math.min(limit, AGGREGATE_RECORD_LIMIT) } };
  }
  const selected = attributes.map((a) => propertyOf(table, a.attrs.name ?? ''));
  if (selected.length && childrenOf(entity, 'all-attributes').length === 0) options.select = selected;
  const orders = childrenOf(entity, 'order').map((o) => ({
    property: propertyOf(table, o.attrs.attribute ?? ''),
    desc: o.attrs.descending === 'true',
  }));
  if (orders.length) options.orderby = orders;
  if (Number.isInteger(top) && top > 0) options.top = top;
  return base;
}
