import { serviceRoot, type EmulatorContext } from '../context';
import { errors } from '../errors';
import { keyIndexStatus } from '../keyIndex';
import type { ColumnDef, TableDef } from '../model/types';
import { evaluateFilter, type Literal } from '../odata/filter';
import { parseQueryString, type QueryOptions } from '../odata/query';
import { stableGuid } from '../solution/importComponents';
import {
  attribute,
  entity,
  entityKey,
  globalOptionSets,
  metadataTypeOf,
  optionSet,
  relationships,
} from './metadataShapes';
import { type ApiResponse, jsonResponse } from './types';

/**
 * The metadata Web API (Learn, "Query table definitions using the Web API"):
 *   EntityDefinitions[(LogicalName='x'|id)] with $select, $filter and $expand=Attributes,Keys,…
 *   …/Attributes[/Microsoft.Dynamics.CRM.<Type>][(LogicalName='y'|id)][/OptionSet], …/Keys[(…)],
 *   …/OneToManyRelationships, …/ManyToOneRelationships, RelationshipDefinitions[(SchemaName='r')],
 *   GlobalOptionSetDefinitions(Name='n'|id) (no $filter there, as on Dataverse). No paging.
 */
type Item = Record<string, unknown>;
const CAST = /^Microsoft\.Dynamics\.CRM\.(\w+)$/;

/** `Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist'` compares as the string 'Picklist'. */
function queryOf(query: string): QueryOptions {
  const params = new URLSearchParams(query);
  for (const [name, value] of [...params.entries()])
    params.set(name, value.replace(/Microsoft\.Dynamics\.CRM\.\w+'([^']*)'/g, "'$1'"));
  return parseQueryString(params.toString());
}

function read(item: Item, path: string): Literal {
  let value: unknown = item;
  for (const part of path.split('/')) value = (value as Item | undefined)?.[part];
  return value === undefined ? null : (value as Literal);
}

/** $select keeps MetadataId (always returned) and the @odata.type; $filter drops what fails. */
function shape(
  items: Item[],
  options: QueryOptions,
  expand: (item: Item, nav: string, o: QueryOptions) => unknown,
) {
  const kept = options.filter
    ? items.filter((i) => evaluateFilter(options.filter!, (p) => read(i, p)))
    : items;
  return kept.map((item) => {
    const picked: Item = options.select
      ? Object.fromEntries(
          Object.entries(item).filter(
            ([k]) => k === 'MetadataId' || k === '@odata.type' || options.select!.includes(k),
          ),
        )
      : { ...item };
    for (const e of options.expand ?? []) picked[e.navigation] = expand(item, e.navigation, e.options);
    return picked;
  });
}

function byKey<T>(items: T[], key: string, nameOf: (t: T) => string, idOf: (t: T) => string, field: string) {
  const named = new RegExp(`^${field}\\s*=\\s*'([^']*)'$`).exec(key.trim())?.[1];
  const found = items.find((i) =>
    named !== undefined ? nameOf(i) === named : idOf(i) === key.trim().toLowerCase(),
  );
  if (!found) throw errors.badRequest(`Could not find a definition with key value '${key}'.`);
  return found;
}

export function entityDefinitions(
  ctx: EmulatorContext,
  key: string | undefined,
  segment: string | undefined,
  query: string,
): ApiResponse {
  const root = `${serviceRoot(ctx)}/$metadata#EntityDefinitions`;
  const options = queryOf(query);
  const expandEntity = (item: Item, nav: string, o: QueryOptions) =>
    shape(children(ctx, ctx.model.table(String(item.LogicalName))!, nav), o, () => null);
  if (key === undefined) {
    if (segment) throw errors.resourceNotFound(segment);
    const value = shape(ctx.model.tables().map(entity), options, expandEntity);
    return jsonResponse(200, { '@odata.context': root, value });
  }
  const table = byKey(
    ctx.model.tables(),
    key,
    (t) => t.logicalName,
    (t) => stableGuid(`entity:${t.logicalName}`),
    'LogicalName',
  );
  if (!segment) {
    const [one] = shape([entity(table)], options, expandEntity);
    return jsonResponse(200, { '@odata.context': `${root}/$entity`, ...one });
  }
  return entityChild(ctx, table, segment, options, `${root}('${table.logicalName}')`);
}

/** The collection-valued navigation properties of an EntityMetadata. */
function children(ctx: EmulatorContext, table: TableDef, nav: string): Item[] {
  switch (nav) {
    case 'Attributes':
      return Object.values(table.columns).map((c) => attribute(table, c));
    case 'Keys':
      return table.alternateKeys.map((k) => entityKey(table, k, keyIndexStatus(ctx, table, k)));
    case 'OneToManyRelationships':
      return relationships(ctx.model).filter((r) => r.ReferencedEntity === table.logicalName);
    case 'ManyToOneRelationships':
      return relationships(ctx.model).filter((r) => r.ReferencingEntity === table.logicalName);
    default:
      throw errors.badRequest(
        `Could not find a property named '${nav}' on type 'Microsoft.Dynamics.CRM.EntityMetadata'.`,
      );
  }
}

function entityChild(
  ctx: EmulatorContext,
  table: TableDef,
  segment: string,
  options: QueryOptions,
  context: string,
): ApiResponse {
  const [head, ...rest] = segment.split('/');
  const m = /^(\w+)(?:\((.*)\))?$/.exec(head);
  if (!m) throw errors.resourceNotFound(segment);
  const [, nav, childKey] = m;
  let items = children(ctx, table, nav);
  let columns = nav === 'Attributes' ? Object.values(table.columns) : [];
  const cast = CAST.exec(rest[0] ?? '')?.[1];
  if (cast) {
    rest.shift();
    columns = columns.filter((c) => metadataTypeOf(c) === cast);
    items = items.filter((i) => i['@odata.type'] === `#Microsoft.Dynamics.CRM.${cast}`);
  }
  const expandAttribute = (item: Item, name: string) => {
    const column = columns.find((c) => c.logicalName === item.LogicalName);
    if (name === 'OptionSet' || name === 'GlobalOptionSet') return optionSetOf(table, column);
    throw errors.badRequest(`Could not find a property named '${name}' on the attribute.`);
  };
  if (childKey === undefined) {
    if (rest.length) throw errors.resourceNotFound(segment);
    return jsonResponse(200, {
      '@odata.context': `${context}/${nav}`,
      value: shape(items, options, expandAttribute),
    });
  }
  const found = byKey(
    items,
    childKey,
    (i) => String(i.LogicalName),
    (i) => String(i.MetadataId),
    'LogicalName',
  );
  if (rest[0] === 'OptionSet') {
    const column = columns.find((c) => c.logicalName === found.LogicalName);
    return jsonResponse(200, {
      '@odata.context': `${context}/OptionSet/$entity`,
      ...optionSetOf(table, column),
    });
  }
  if (rest.length) throw errors.resourceNotFound(segment);
  const [one] = shape([found], options, expandAttribute);
  return jsonResponse(200, { '@odata.context': `${context}/${nav}/$entity`, ...one });
}

function optionSetOf(table: TableDef, column: ColumnDef | undefined) {
  if (!column?.options) return null;
  const name = column.globalOptionSet ?? `${table.logicalName}_${column.logicalName}`;
  return optionSet(name, column.options, !!column.globalOptionSet);
}

export function relationshipDefinitions(
  ctx: EmulatorContext,
  key: string | undefined,
  segment: string | undefined,
  query: string,
): ApiResponse {
  const root = `${serviceRoot(ctx)}/$metadata#RelationshipDefinitions`;
  const cast = CAST.exec(segment ?? '')?.[1];
  if (segment && cast !== 'OneToManyRelationshipMetadata' && cast !== 'RelationshipMetadataBase')
    throw errors.resourceNotFound(segment);
  const all = relationships(ctx.model);
  if (key === undefined)
    return jsonResponse(200, { '@odata.context': root, value: shape(all, queryOf(query), () => null) });
  const found = byKey(
    all,
    key,
    (r) => String(r.SchemaName),
    (r) => String(r.MetadataId),
    'SchemaName',
  );
  const [one] = shape([found], queryOf(query), () => null);
  return jsonResponse(200, { '@odata.context': `${root}/$entity`, ...one });
}

export function globalOptionSetDefinitions(
  ctx: EmulatorContext,
  key: string | undefined,
  query: string,
): ApiResponse {
  const root = `${serviceRoot(ctx)}/$metadata#GlobalOptionSetDefinitions`;
  const options = queryOf(query);
  if (options.filter)
    throw errors.badRequest('The GlobalOptionSetDefinitions path does not support $filter.');
  const all = globalOptionSets(ctx.model);
  if (key === undefined)
    return jsonResponse(200, { '@odata.context': root, value: shape(all, options, () => null) });
  const found = byKey(
    all,
    key,
    (o) => String(o.Name),
    (o) => String(o.MetadataId),
    'Name',
  );
  const [one] = shape([found], options, () => null);
  return jsonResponse(200, { '@odata.context': `${root}/$entity`, ...one });
}
