import { errors } from '../errors';
import type { TableDef } from '../model/types';
import { childrenOf, parseXml, type XmlElement } from '../model/xml';
import type { CompareOp, FilterNode, Literal } from './filter';
import type { QueryOptions } from './query';

/**
 * The FetchXML subset the solution's views use, for `GET <set>?fetchXml=…` (what
 * `Xrm.WebApi.retrieveMultipleRecords` sends for a view): attributes, orders, nested and/or
 * filters with eq ne gt ge lt le, like / not-like (% wildcards), null / not-null, in / not-in, and
 * `top`. link-entity, aggregates and paging cookies are refused.
 */
const COMPARE: Record<string, CompareOp> = {
  eq: 'eq',
  ne: 'ne',
  neq: 'ne',
  gt: 'gt',
  ge: 'ge',
  lt: 'lt',
  le: 'le',
};

function propertyOf(table: TableDef, attribute: string): string {
  return table.columns[attribute]?.type === 'lookup' ? `_${attribute}_value` : attribute;
}

function literal(value: string): Literal {
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value.replace(/^\{|\}$/g, '');
}

function likeNode(property: string, pattern: string): FilterNode {
  const starts = pattern.startsWith('%');
  const ends = pattern.endsWith('%');
  const text = pattern.replace(/^%|%$/g, '');
  const value = { kind: 'literal' as const, value: text };
  const prop = { kind: 'property' as const, name: property };
  if (starts && ends) return { kind: 'call', name: 'contains', property: prop, value };
  if (ends) return { kind: 'call', name: 'startswith', property: prop, value };
  if (starts) return { kind: 'call', name: 'endswith', property: prop, value };
  return { kind: 'compare', op: 'eq', left: prop, right: value };
}

function conditionNode(table: TableDef, condition: XmlElement): FilterNode {
  const property = propertyOf(table, condition.attrs.attribute ?? '');
  const operator = (condition.attrs.operator ?? 'eq').toLowerCase();
  const value = condition.attrs.value ?? '';
  const prop = { kind: 'property' as const, name: property };
  const values = childrenOf(condition, 'value').map((v) => literal(v.text.trim()));
  if (COMPARE[operator])
    return {
      kind: 'compare',
      op: COMPARE[operator],
      left: prop,
      right: { kind: 'literal', value: literal(value) },
    };
  if (operator === 'null' || operator === 'not-null') {
    return {
      kind: 'compare',
      op: operator === 'null' ? 'eq' : 'ne',
      left: prop,
      right: { kind: 'literal', value: null },
    };
  }
  if (operator === 'like') return likeNode(property, value);
  if (operator === 'not-like') return { kind: 'not', operand: likeNode(property, value) };
  if (operator === 'in') return { kind: 'in', property, values };
  if (operator === 'not-in') return { kind: 'not', operand: { kind: 'in', property, values } };
  throw errors.badRequest(`The FetchXML condition operator '${operator}' is not supported by the emulator.`);
}

function filterNode(table: TableDef, filter: XmlElement): FilterNode | undefined {
  const parts = [
    ...childrenOf(filter, 'condition').map((c) => conditionNode(table, c)),
    ...childrenOf(filter, 'filter')
      .map((f) => filterNode(table, f))
      .filter((f): f is FilterNode => f !== undefined),
  ];
  const kind = filter.attrs.type === 'or' ? 'or' : 'and';
  return parts.reduce<FilterNode | undefined>(
    (acc, node) => (acc ? { kind, left: acc, right: node } : node),
    undefined,
  );
}

export function fetchXmlOptions(table: TableDef, fetchXml: string): QueryOptions {
  const fetch = parseXml(fetchXml);
  const entity = childrenOf(fetch, 'entity')[0];
  if (!entity || entity.attrs.name !== table.logicalName) {
    throw errors.badRequest(`The FetchXML entity must be '${table.logicalName}' for this entity set.`);
  }
  if (childrenOf(entity, 'link-entity').length || fetch.attrs.aggregate === 'true') {
    throw errors.badRequest('FetchXML link-entity and aggregates are not supported by the emulator.');
  }
  const options: QueryOptions = {};
  const attributes = childrenOf(entity, 'attribute').map((a) => propertyOf(table, a.attrs.name ?? ''));
  if (attributes.length && childrenOf(entity, 'all-attributes').length === 0) options.select = attributes;
  const orders = childrenOf(entity, 'order').map((o) => ({
    property: propertyOf(table, o.attrs.attribute ?? ''),
    desc: o.attrs.descending === 'true',
  }));
  if (orders.length) options.orderby = orders;
  const filters = childrenOf(entity, 'filter')
    .map((f) => filterNode(table, f))
    .filter((f): f is FilterNode => f !== undefined);
  if (filters.length)
    options.filter = filters.reduce((acc, node) => ({ kind: 'and', left: acc, right: node }));
  const top = Number(fetch.attrs.top ?? fetch.attrs.count);
  if (Number.isInteger(top) && top > 0) options.top = top;
  return options;
}
