import type { Model } from './model/model';
import type { ColumnDef, TableDef } from './model/types';
import { escapeXml } from './model/xml';

/**
 * `$metadata` generated from the model, in the conventions of the hand-built fixture
 * `dataverse-invoice-subset.metadata.xml` (reference/dataverse-webapi.md §6): namespace
 * Microsoft.Dynamics.CRM alias mscrm, lookups as `_x_value` plus a NavigationProperty with a
 * ReferentialConstraint, alternate keys as the OData.Community.Keys.V1 annotation.
 */
const EDM_TYPES: Record<string, string> = {
  primarykey: 'Edm.Guid',
  uniqueidentifier: 'Edm.Guid',
  lookup: 'Edm.Guid',
  string: 'Edm.String',
  memo: 'Edm.String',
  multiselect: 'Edm.String',
  int: 'Edm.Int32',
  picklist: 'Edm.Int32',
  state: 'Edm.Int32',
  status: 'Edm.Int32',
  bigint: 'Edm.Int64',
  decimal: 'Edm.Decimal',
  money: 'Edm.Decimal',
  double: 'Edm.Double',
  bool: 'Edm.Boolean',
  datetime: 'Edm.DateTimeOffset',
  dateonly: 'Edm.Date',
  image: 'Edm.Binary',
  file: 'Edm.Guid',
};

function property(column: ColumnDef): string {
  const name = column.type === 'lookup' ? `_${column.logicalName}_value` : column.logicalName;
  const extra =
    column.type === 'string' || column.type === 'memo'
      ? ' Unicode="false"'
      : column.type === 'money' || column.type === 'decimal'
        ? ' Scale="Variable"'
        : '';
  return `<Property Name="${escapeXml(name)}" Type="${EDM_TYPES[column.type] ?? 'Edm.String'}"${extra} />`;
}

function alternateKeys(table: TableDef): string {
  if (table.alternateKeys.length === 0) return '';
  const records = table.alternateKeys
    .map((key) => {
      const refs = key.columns
        .map((c) => {
          const path = table.columns[c]?.type === 'lookup' ? `_${c}_value` : c;
          return `<Record Type="OData.Community.Keys.V1.PropertyRef"><PropertyValue Property="Alias" String="${escapeXml(path)}" /><PropertyValue Property="Name" PropertyPath="${escapeXml(path)}" /></Record>`;
        })
        .join('');
      return `<Record Type="OData.Community.Keys.V1.AlternateKey"><PropertyValue Property="Key"><Collection>${refs}</Collection></PropertyValue></Record>`;
    })
    .join('');
  return `<Annotation Term="OData.Community.Keys.V1.AlternateKeys"><Collection>${records}</Collection></Annotation>`;
}

function entityType(model: Model, table: TableDef): string {
  const props = Object.values(table.columns)
    .filter((c) => c.validForRead !== false)
    .map(property)
    .join('');
  const lookups = Object.values(table.lookups)
    .filter((l) => model.table(l.target))
    .map((l) => {
      const target = model.table(l.target)!;
      // The owner is a principal (user or team), keyed by ownerid (Learn, "principal EntityType").
      const [type, key] = l.name === 'ownerid' ? ['principal', 'ownerid'] : [l.target, target.primaryId];
      return `<NavigationProperty Name="${escapeXml(l.name)}" Type="mscrm.${type}" Nullable="false" Partner="${escapeXml(l.relationship)}"><ReferentialConstraint Property="_${l.column}_value" ReferencedProperty="${key}" /></NavigationProperty>`;
    })
    .join('');
  const collections = Object.values(table.collections)
    .map(
      (c) =>
        `<NavigationProperty Name="${escapeXml(c.name)}" Type="Collection(mscrm.${c.table})" Partner="${escapeXml(lookupNavFor(model, c.table, c.column, table.logicalName))}" />`,
    )
    .join('');
  return `<EntityType Name="${table.logicalName}" BaseType="mscrm.crmbaseentity"><Key><PropertyRef Name="${table.primaryId}" /></Key>${props}${lookups}${collections}${alternateKeys(table)}</EntityType>`;
}

function lookupNavFor(model: Model, tableName: string, column: string, target: string): string {
  const table = model.table(tableName);
  return (
    Object.values(table?.lookups ?? {}).find((l) => l.column === column && l.target === target)?.name ??
    column
  );
}

export function metadataDocument(model: Model): string {
  const tables = model.tables();
  const types = tables.map((t) => entityType(model, t)).join('\n');
  const sets = tables
    .map((t) => `<EntitySet Name="${t.entitySet}" EntityType="mscrm.${t.logicalName}" />`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:Reference Uri="https://vocabularies.odata.org/OData.Community.Keys.V1.xml"><edmx:Include Namespace="OData.Community.Keys.V1" Alias="Keys" /><edmx:IncludeAnnotations TermNamespace="OData.Community.Keys.V1" /></edmx:Reference>
<edmx:Reference Uri="https://vocabularies.odata.org/OData.Community.Display.V1.xml"><edmx:Include Namespace="OData.Community.Display.V1" Alias="Display" /><edmx:IncludeAnnotations TermNamespace="OData.Community.Display.V1" /></edmx:Reference>
<edmx:DataServices><Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<EntityType Name="crmbaseentity" Abstract="true" />
<EntityType Name="principal" BaseType="mscrm.crmbaseentity" Abstract="true"><Key><PropertyRef Name="ownerid" /></Key><Property Name="ownerid" Type="Edm.Guid" /></EntityType>
${types}
<ComplexType Name="WhoAmIResponse"><Property Name="BusinessUnitId" Type="Edm.Guid" Nullable="false" /><Property Name="UserId" Type="Edm.Guid" Nullable="false" /><Property Name="OrganizationId" Type="Edm.Guid" Nullable="false" /></ComplexType>
<Function Name="WhoAmI"><ReturnType Type="mscrm.WhoAmIResponse" Nullable="false" /></Function>
<EntityContainer Name="System">${sets}<FunctionImport Name="WhoAmI" Function="mscrm.WhoAmI" /></EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>
`;
}
