import { errors } from '../errors';
import type { TableDef } from '../model/types';
import { childrenOf, type XmlElement } from '../model/xml';
import type { CompareOp, FilterNode, Literal } from './filter';

/**
 * FetchXML `<filter>` and `<condition>` as FilterNodes (Microsoft Learn, "Filter rows using
 * FetchXml" and the condition operator reference): eq ne gt ge lt le, like / not-like (%
 * wildcards), null / not-null, in / not-in, eq-userid / ne-userid (the calling user) and
 * last-x-days (from the start of the day X days ago until now, in UTC: the emulator has no user
 * time zone). Other operators are refused with a message that names them.
 */
export interface FetchEnv {
  /** The calling user, for eq-userid. */
  readonly userId: string;
  /** Now, in ms, for the relative date operators. */
  readonly now: number;
}

const COMPARE: Record<string, CompareOp> = {
  eq: 'eq',
  ne: 'ne',
  neq: 'ne',
  gt: 'gt',
  ge: 'ge',
  lt: 'lt',
  le: 'le',
};

export function propertyOf(table: TableDef, attribute: string): string {
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

const compareNode = (op: CompareOp, property: string, value: Literal): FilterNode => ({
  kind: 'compare',
  op,
  left: { kind: 'property', name: property },
  right: { kind: 'literal', value },
});

function lastXDays(table: TableDef, property: string, attribute: string, value: string, env: FetchEnv) {
  const days = Number(value);
  const type = table.columns[attribute]?.type;
  if (!Number.isInteger(days) || days < 0 || (type !== 'datetime' && type !== 'dateonly'))
    throw errors.badRequest(
      `The condition last-x-days on '${attribute}' needs a date column and a number of days.`,
    );
  const start = new Date(env.now);
  start.setUTCHours(0, 0, 0, 0);
  start.setUTCDate(start.getUTCDate() - days);
  const from = type === 'dateonly' ? start.toISOString().slice(0, 10) : start.toISOString();
  const until =
    type === 'dateonly' ? new Date(env.now).toISOString().slice(0, 10) : new Date(env.now).toISOString();
  return {
    kind: 'and' as const,
    left: compareNode('ge', property, from),
    right: compareNode('le', property, until),
  };
}

export function conditionNode(table: TableDef, condition: XmlElement, env: FetchEnv): FilterNode {
  const attribute = condition.attrs.attribute ?? '';
  if (!table.columns[attribute])
    throw errors.badRequest(
      `'${table.logicalName}' entity doesn't contain attribute with Name = '${attribute}' and NameMapping = 'Logical'.`,
    );
  const property = propertyOf(table, attribute);
  const operator = (condition.attrs.operator ?? 'eq').toLowerCase();
  const value = condition.attrs.value ?? '';
  const values = childrenOf(condition, 'value').map((v) => literal(v.text.trim()));
  if (COMPARE[operator]) return compareNode(COMPARE[operator], property, literal(value));
  switch (operator) {
    case 'null':
      return compareNode('eq', property, null);
    case 'not-null':
      return compareNode('ne', property, null);
    case 'like':
      return likeNode(property, value);
    case 'not-like':
      return { kind: 'not', operand: likeNode(property, value) };
    case 'in':
      return { kind: 'in', property, values };
    case 'not-in':
      return { kind: 'not', operand: { kind: 'in', property, values } };
    case 'eq-userid':
      return compareNode('eq', property, env.userId);
    case 'ne-userid':
      return compareNode('ne', property, env.userId);
    case 'last-x-days':
      return lastXDays(table, property, attribute, value, env);
    default:
      throw errors.badRequest(
        `The FetchXML condition operator '${operator}' is not supported by the emulator.`,
      );
  }
}

export function filterNode(table: TableDef, filter: XmlElement, env: FetchEnv): FilterNode | undefined {
  const parts = [
    ...childrenOf(filter, 'condition').map((c) => conditionNode(table, c, env)),
    ...childrenOf(filter, 'filter')
      .map((f) => filterNode(table, f, env))
      .filter((f): f is FilterNode => f !== undefined),
  ];
  const kind = filter.attrs.type === 'or' ? 'or' : 'and';
  return parts.reduce<FilterNode | undefined>(
    (acc, node) => (acc ? { kind, left: acc, right: node } : node),
    undefined,
  );
}

/** The `<filter>` children of an entity or link-entity, and-ed. */
export function filtersOf(table: TableDef, parent: XmlElement, env: FetchEnv): FilterNode | undefined {
  const nodes = childrenOf(parent, 'filter')
    .map((f) => filterNode(table, f, env))
    .filter((f): f is FilterNode => f !== undefined);
  return nodes.length ? nodes.reduce((acc, node) => ({ kind: 'and', left: acc, right: node })) : undefined;
}
