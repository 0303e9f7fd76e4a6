import type { Model } from '../model/model';
import type {
  AlternateKey,
  ChoiceOption,
  ColumnDef,
  ColumnType,
  KeyIndexStatus,
  TableDef,
} from '../model/types';
import { stableGuid } from '../solution/importComponents';

/**
 * Table, column, key, relationship and choice definitions in the shapes of the metadata Web API
 * (Learn, "Query table definitions using the Web API"; EntityMetadata, AttributeMetadata,
 * EntityKeyMetadata, OneToManyRelationshipMetadata, OptionSetMetadata).
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

/** The derived type a cast names, e.g. `Microsoft.Dynamics.CRM.PicklistAttributeMetadata`. */
const METADATA_TYPES: Partial<Record<ColumnType, string>> = {
  string: 'StringAttributeMetadata',
  memo: 'MemoAttributeMetadata',
  int: 'IntegerAttributeMetadata',
  bigint: 'BigIntAttributeMetadata',
  decimal: 'DecimalAttributeMetadata',
  double: 'DoubleAttributeMetadata',
  money: 'MoneyAttributeMetadata',
  bool: 'BooleanAttributeMetadata',
  datetime: 'DateTimeAttributeMetadata',
  dateonly: 'DateTimeAttributeMetadata',
  picklist: 'PicklistAttributeMetadata',
  multiselect: 'MultiSelectPicklistAttributeMetadata',
  state: 'StateAttributeMetadata',
  status: 'StatusAttributeMetadata',
  lookup: 'LookupAttributeMetadata',
  primarykey: 'AttributeMetadata',
  uniqueidentifier: 'UniqueIdentifierAttributeMetadata',
  image: 'ImageAttributeMetadata',
  file: 'FileAttributeMetadata',
};

export const metadataTypeOf = (column: ColumnDef) => METADATA_TYPES[column.type] ?? 'AttributeMetadata';

export const label = (text: string | undefined) => ({
  UserLocalizedLabel: text === undefined ? null : { Label: text, LanguageCode: 1033 },
  LocalizedLabels: text === undefined ? [] : [{ Label: text, LanguageCode: 1033 }],
});

export function optionSet(name: string, options: readonly ChoiceOption[], global: boolean) {
  return {
    MetadataId: stableGuid(`optionset:${name}`),
    Name: name,
    IsGlobal: global,
    OptionSetType: 'Picklist',
    Options: options.map((o) => ({
      Value: o.value,
      Label: label(o.label),
      ...(o.state !== undefined ? { State: o.state } : {}),
    })),
  };
}

export function attribute(table: TableDef, column: ColumnDef): Record<string, unknown> {
  return {
    '@odata.type': `#Microsoft.Dynamics.CRM.${metadataTypeOf(column)}`,
    MetadataId: stableGuid(`attribute:${table.logicalName}.${column.logicalName}`),
    LogicalName: column.logicalName,
    SchemaName: column.schemaName ?? column.logicalName,
    EntityLogicalName: table.logicalName,
    AttributeType: ATTRIBUTE_TYPES[column.type],
    DisplayName: label(column.label),
    IsCustomAttribute: column.custom ?? false,
    IsValidForCreate: column.validForCreate !== false,
    IsValidForUpdate: column.validForUpdate !== false,
    ...(column.maxLength !== undefined ? { MaxLength: column.maxLength } : {}),
    ...(column.targets ? { Targets: column.targets } : {}),
    // Dataverse serves OptionSet only on a cast with $expand; the uncast list keeps it inline
    // because the demo shell reads choices from there (a leniency, see the README).
    ...(column.options
      ? {
          OptionSet: optionSet(
            column.globalOptionSet ?? `${table.logicalName}_${column.logicalName}`,
            column.options,
            !!column.globalOptionSet,
          ),
        }
      : {}),
  };
}

export function entityKey(
  table: TableDef,
  key: AlternateKey,
  status: KeyIndexStatus,
): Record<string, unknown> {
  return {
    MetadataId: stableGuid(`key:${table.logicalName}.${key.name}`),
    LogicalName: key.name,
    SchemaName: key.name,
    EntityLogicalName: table.logicalName,
    KeyAttributes: key.columns,
    DisplayName: label(key.name),
    EntityKeyIndexStatus: status,
  };
}

export function entity(table: TableDef): Record<string, unknown> {
  return {
    MetadataId: stableGuid(`entity:${table.logicalName}`),
    LogicalName: table.logicalName,
    SchemaName: table.schemaName ?? table.logicalName,
    EntitySetName: table.entitySet,
    LogicalCollectionName: table.entitySet,
    PrimaryIdAttribute: table.primaryId,
    PrimaryNameAttribute: table.primaryName,
    IsCustomEntity: table.custom,
    OwnershipType: table.columns.ownerid ? 'UserOwned' : 'OrganizationOwned',
    DisplayName: label(table.label),
  };
}

/** Every one-to-many relationship the model wires, from the lookup side. */
export function relationships(model: Model): Record<string, unknown>[] {
  const out = new Map<string, Record<string, unknown>>();
  for (const table of model.tables()) {
    for (const lookup of Object.values(table.lookups)) {
      const referenced = model.table(lookup.target);
      if (!referenced || out.has(lookup.relationship)) continue;
      const collection = Object.values(referenced.collections).find(
        (c) => c.relationship === lookup.relationship,
      );
      out.set(lookup.relationship, {
        '@odata.type': '#Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata',
        MetadataId: stableGuid(`relationship:${lookup.relationship}`),
        SchemaName: lookup.relationship,
        RelationshipType: 'OneToManyRelationship',
        IsCustomRelationship: table.custom || !!table.columns[lookup.column]?.custom,
        ReferencedEntity: lookup.name === 'ownerid' ? 'systemuser' : referenced.logicalName,
        ReferencedAttribute: referenced.primaryId,
        ReferencingEntity: table.logicalName,
        ReferencingAttribute: lookup.column,
        ReferencingEntityNavigationPropertyName: lookup.name,
        ReferencedEntityNavigationPropertyName: collection?.name ?? lookup.relationship,
      });
    }
  }
  return [...out.values()];
}

/** Global choices: the ones a column names by OptionSetName (customizations.xml `<optionsets>`). */
export function globalOptionSets(model: Model): Record<string, unknown>[] {
  const out = new Map<string, Record<string, unknown>>();
  for (const table of model.tables())
    for (const column of Object.values(table.columns))
      if (column.globalOptionSet && column.options && !out.has(column.globalOptionSet))
        out.set(column.globalOptionSet, optionSet(column.globalOptionSet, column.options, true));
  return [...out.values()];
}
