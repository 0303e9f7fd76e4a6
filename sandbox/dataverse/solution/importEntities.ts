import type { Model } from '../model/model';
import type { ChoiceOption, ColumnDef, ColumnType, TableDef } from '../model/types';
import { childOf, childrenOf, textOf, type XmlElement } from '../model/xml';

/** Tables, columns, choices, keys and relationships from customizations.xml. */
const TYPES: Record<string, ColumnType> = {
  primarykey: 'primarykey',
  nvarchar: 'string',
  ntext: 'memo',
  memo: 'memo',
  int: 'int',
  bigint: 'bigint',
  decimal: 'decimal',
  float: 'double',
  money: 'money',
  bit: 'bool',
  datetime: 'datetime',
  picklist: 'picklist',
  multiselectpicklist: 'multiselect',
  state: 'state',
  status: 'status',
  lookup: 'lookup',
  customer: 'lookup',
  owner: 'lookup',
  uniqueidentifier: 'uniqueidentifier',
  image: 'image',
  file: 'file',
  timezone: 'int',
};

const label = (el: XmlElement | undefined, listName: string, itemName: string): string | undefined =>
  childrenOf(childOf(el, listName), itemName)[0]?.attrs.description;

function optionsOf(optionset: XmlElement | undefined): ChoiceOption[] {
  if (!optionset) return [];
  const fromList = (list: string, item: string) =>
    childrenOf(childOf(optionset, list), item).map((o) => ({
      value: Number(o.attrs.value),
      label: label(o, 'labels', 'label') ?? o.attrs.invariantname ?? o.attrs.value,
      ...(o.attrs.state !== undefined ? { state: Number(o.attrs.state) } : {}),
    }));
  return [
    ...fromList('options', 'option'),
    ...fromList('states', 'state'),
    ...fromList('statuses', 'status'),
  ];
}

export function globalChoices(customizations: XmlElement): Map<string, ChoiceOption[]> {
  const map = new Map<string, ChoiceOption[]>();
  for (const os of childrenOf(childOf(customizations, 'optionsets'), 'optionset'))
    map.set(os.attrs.Name, optionsOf(os));
  return map;
}

function columnOf(attr: XmlElement, choices: Map<string, ChoiceOption[]>): ColumnDef | undefined {
  const logicalName = (textOf(attr, 'LogicalName') ?? textOf(attr, 'Name') ?? '').toLowerCase();
  const rawType = (textOf(attr, 'Type') ?? '').toLowerCase();
  let type = TYPES[rawType];
  if (!logicalName || !type) return undefined;
  if (type === 'datetime' && textOf(attr, 'Format')?.toLowerCase() === 'date') type = 'dateonly';
  const maxLength = Number(textOf(attr, 'MaxLength'));
  const inline = optionsOf(childOf(attr, 'optionset'));
  const globalName = textOf(attr, 'OptionSetName') ?? '';
  const global = choices.get(globalName);
  const flag = (name: string) => (textOf(attr, name) === undefined ? undefined : textOf(attr, name) === '1');
  return {
    logicalName,
    schemaName: attr.attrs.PhysicalName,
    type,
    label: label(attr, 'displaynames', 'displayname'),
    ...(Number.isFinite(maxLength) && maxLength > 0 ? { maxLength } : {}),
    ...(inline.length || global ? { options: inline.length ? inline : global } : {}),
    ...(!inline.length && global ? { globalOptionSet: globalName } : {}),
    ...(flag('ValidForCreateApi') === false ? { validForCreate: false } : {}),
    ...(flag('ValidForUpdateApi') === false ? { validForUpdate: false } : {}),
    custom: flag('IsCustomField') ?? false,
    ...(type === 'lookup' ? { targets: [] } : {}),
  };
}

/** One `<Entity>`: a full table for custom tables, or the extra columns of a system table. */
export function tableFromEntity(
  entity: XmlElement,
  choices: Map<string, ChoiceOption[]>,
  existing: Model,
): TableDef | undefined {
  const info = childOf(entity, 'EntityInfo', 'entity');
  const schemaName = textOf(entity, 'Name') ?? info?.attrs.Name;
  if (!schemaName) return undefined;
  const logicalName = schemaName.toLowerCase();
  const known = existing.table(logicalName);
  const columns: Record<string, ColumnDef> = {};
  for (const attr of childrenOf(childOf(info, 'attributes'), 'attribute')) {
    const column = columnOf(attr, choices);
    if (column) columns[column.logicalName] = column;
  }
  const primaryId =
    Object.values(columns).find((c) => c.type === 'primarykey')?.logicalName ?? `${logicalName}id`;
  const primaryNameAttr = childrenOf(childOf(info, 'attributes'), 'attribute').find((a) =>
    (textOf(a, 'DisplayMask') ?? '').split('|').includes('PrimaryName'),
  );
  const keys = childrenOf(childOf(info, 'EntityKeys'), 'EntityKey').map((k) => ({
    name: textOf(k, 'LogicalName') ?? textOf(k, 'Name') ?? '',
    columns: childrenOf(childOf(k, 'EntityKeyAttributes'), 'AttributeName').map((a) =>
      a.text.trim().toLowerCase(),
    ),
    // Its index is built in the background: Pending until then (keyIndex.ts).
    pendingSince: Date.now(),
  }));
  const isNewTable = !known;
  if (!info && !known) return undefined;
  return {
    logicalName,
    schemaName,
    entitySet: textOf(info, 'EntitySetName') ?? known?.entitySet ?? `${logicalName}s`,
    primaryId: known?.primaryId ?? primaryId,
    primaryName:
      known?.primaryName ??
      (primaryNameAttr ? (textOf(primaryNameAttr, 'LogicalName') ?? '').toLowerCase() : 'name'),
    label: label(info, 'LocalizedNames', 'LocalizedName'),
    custom: isNewTable,
    columns,
    lookups: {},
    collections: {},
    alternateKeys: keys,
  };
}

export function importRelationships(customizations: XmlElement, model: Model): void {
  for (const rel of childrenOf(childOf(customizations, 'EntityRelationships'), 'EntityRelationship')) {
    if ((textOf(rel, 'EntityRelationshipType') ?? 'OneToMany') !== 'OneToMany') continue;
    const referencing = (textOf(rel, 'ReferencingEntityName') ?? '').toLowerCase();
    const referenced = (textOf(rel, 'ReferencedEntityName') ?? '').toLowerCase();
    const attribute = textOf(rel, 'ReferencingAttributeName') ?? '';
    const roles = childrenOf(childOf(rel, 'EntityRelationshipRoles'), 'EntityRelationshipRole');
    const navOfRole = (type: string) =>
      roles.find((r) => textOf(r, 'RelationshipRoleType') === type) &&
      textOf(
        roles.find((r) => textOf(r, 'RelationshipRoleType') === type),
        'NavigationPropertyName',
      );
    const column = attribute.toLowerCase();
    const table = model.table(referencing);
    const columnDef = table?.columns[column];
    // Platform lookups keep lower-case navigation names; custom ones use the attribute's schema name.
    const defaultNav = columnDef?.custom ? (columnDef.schemaName ?? attribute) : column;
    model.addRelationship({
      name: rel.attrs.Name,
      referencing,
      referenced,
      column,
      lookupNav: navOfRole('1') || defaultNav,
      collectionNav: navOfRole('0') || rel.attrs.Name,
    });
  }
}
