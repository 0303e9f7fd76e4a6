import { serviceRoot, type EmulatorContext } from '../context';
import { errors } from '../errors';
import type { ColumnDef, ColumnType, TableDef } from '../model/types';
import { stableGuid } from '../solution/importComponents';
import { type ApiResponse, jsonResponse } from './types';

/**
 * A small slice of the metadata Web API (`EntityDefinitions`), so the demo shell and browser code
 * can turn logical names into entity sets and read column types, labels and choices:
 *   EntityDefinitions, EntityDefinitions(LogicalName='x'), EntityDefinitions(LogicalName='x')/Attributes
 */
const ATTRIBUTE_TYPES: Record<ColumnType, string> = {
  primarykey: 'Uniqueidentifier',
  uniqueidentifier: 'Uniqueidentifier',
  string: 'String',
  memo: 'Memo',
  int: 'Integer',
  bigint: 'BigInt',
  decimal: 'Decimal',
  double: 'Double',
  money: 'Money',
  bool: 'Boolean',
  datetime: 'DateTime',
  dateonly: 'DateTime',
  picklist: 'Picklist',
  multiselect: 'Virtual',
  state: 'State',
  status: 'Status',
  lookup: 'Lookup',
  image: 'Virtual',
  file: 'Virtual',
};

const label = (text: string | undefined) => ({
  UserLocalizedLabel: text === undefined ? null : { Label: text, LanguageCode: 1033 },
  LocalizedLabels: text === undefined ? [] : [{ Label: text, LanguageCode: 1033 }],
});

function attribute(table: TableDef, column: ColumnDef): Record<string, unknown> {
  return {
    MetadataId: stableGuid(`attribute:${table.logicalName}.${column.logicalName}`),
    LogicalName: column.logicalName,
    SchemaName: column.schemaName ?? column.logicalName,
    AttributeType: ATTRIBUTE_TYPES[column.type],
    DisplayName: label(column.label),
    IsCustomAttribute: column.custom ?? false,
    IsValidForCreate: column.validForCreate !== false,
    IsValidForUpdate: column.validForUpdate !== false,
    ...(column.maxLength !== undefined ? { MaxLength: column.maxLength } : {}),
    ...(column.targets ? { Targets: column.targets } : {}),
    ...(column.options
      ? {
          OptionSet: {
            Options: column.options.map((o) => ({
              Value: o.value,
              Label: label(o.label),
              ...(o.state !== undefined ? { State: o.state } : {}),
            })),
          },
        }
      : {}),
  };
}

function entity(table: TableDef): Record<string, unknown> {
  return {
    MetadataId: stableGuid(`entity:${table.logicalName}`),
    LogicalName: table.logicalName,
    SchemaName: table.schemaName ?? table.logicalName,
    EntitySetName: table.entitySet,
    PrimaryIdAttribute: table.primaryId,
    PrimaryNameAttribute: table.primaryName,
    IsCustomEntity: table.custom,
    DisplayName: label(table.label),
  };
}

export function entityDefinitions(
  ctx: EmulatorContext,
  key: string | undefined,
  segment: string | undefined,
  query: string,
): ApiResponse {
  const root = `${serviceRoot(ctx)}/$metadata#EntityDefinitions`;
  if (key === undefined)
    return jsonResponse(200, { '@odata.context': root, value: ctx.model.tables().map(entity) });
  const logicalName = /^LogicalName\s*=\s*'([^']*)'$/.exec(key.trim())?.[1];
  const table = logicalName ? ctx.model.table(logicalName) : undefined;
  if (!table) throw errors.badRequest(`Could not find an entity with key value '${key}'.`);
  const attributes = Object.values(table.columns).map((c) => attribute(table, c));
  if (segment === 'Attributes')
    return jsonResponse(200, {
      '@odata.context': `${root}('${table.logicalName}')/Attributes`,
      value: attributes,
    });
  if (segment) throw errors.resourceNotFound(segment);
  const expand = /\$expand=Attributes/i.test(decodeURIComponent(query));
  return jsonResponse(200, {
    '@odata.context': `${root}/$entity`,
    ...entity(table),
    ...(expand ? { Attributes: attributes } : {}),
  });
}
