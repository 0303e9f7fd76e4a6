import type { Column, CustomTable } from '../../model/types';
import { descriptions, displayNames, INTRODUCED_VERSION, labels } from '../labels';
import { el, leaf, type XmlElement, type XmlNode } from '../xml';

const TYPE: Record<Column['type'], string> = {
  string: 'nvarchar',
  memo: 'ntext',
  integer: 'int',
  decimal: 'decimal',
  money: 'money',
  datetime: 'datetime',
  dateonly: 'datetime',
  boolean: 'bit',
  choice: 'picklist',
  lookup: 'lookup',
};

const flags = (values: Record<string, 0 | 1>): XmlElement[] =>
  Object.entries(values).map(([k, v]) => leaf(k, v));

function common(
  logicalName: string,
  requiredLevel: string,
  displayMask: string,
  custom: boolean,
  secured: boolean,
  updatable: boolean = custom,
): XmlElement[] {
  return [
    leaf('Name', logicalName),
    leaf('LogicalName', logicalName),
    leaf('RequiredLevel', requiredLevel),
    leaf('DisplayMask', displayMask),
    leaf('ImeMode', 'auto'),
    ...flags({
      ValidForUpdateApi: updatable ? 1 : 0,
      ValidForReadApi: 1,
      ValidForCreateApi: 1,
      IsCustomField: custom ? 1 : 0,
    }),
    ...flags({ IsAuditEnabled: 1, IsSecured: secured ? 1 : 0 }),
    leaf('IntroducedVersion', INTRODUCED_VERSION),
    ...flags({
      IsCustomizable: 1,
      IsRenameable: 1,
      CanModifySearchSettings: 1,
      CanModifyRequirementLevelSettings: 1,
    }),
    ...flags({ CanModifyAdditionalSettings: 1 }),
    leaf('SourceType', 0),
    ...flags({ IsGlobalFilterEnabled: 0, IsSortableEnabled: 0, CanModifyGlobalFilterSettings: 1 }),
    ...flags({ CanModifyIsSortableSettings: 1, IsDataSourceSecret: 0 }),
  ];
}

function typeSpecific(table: string, column: Column): XmlNode[] {
  switch (column.type) {
    case 'string':
      return [
        leaf('Format', column.format ?? 'text'),
        leaf('MaxLength', column.maxLength),
        leaf('Length', column.maxLength * 2),
      ];
    case 'memo':
      return [leaf('Format', 'text'), leaf('MaxLength', column.maxLength)];
    case 'integer':
      return [
        leaf('Format', 'none'),
        leaf('MinValue', column.min ?? -2147483648),
        leaf('MaxValue', column.max ?? 2147483647),
      ];
    case 'decimal':
      return [
        leaf('MinValue', column.min ?? -100000000000),
        leaf('MaxValue', column.max ?? 100000000000),
        leaf('Accuracy', column.precision),
      ];
    case 'money':
      return [
        leaf('MinValue', -922337203685477),
        leaf('MaxValue', 922337203685477),
        leaf('Accuracy', 2),
        leaf('AccuracySource', 2),
      ];
    case 'datetime':
      return [leaf('Format', 'datetime'), leaf('CanChangeDateTimeBehavior', 1), leaf('Behavior', 1)];
    case 'dateonly':
      // Behavior 2 = DateOnly: no time zone conversion, as Xero dates have none.
      return [leaf('Format', 'date'), leaf('CanChangeDateTimeBehavior', 0), leaf('Behavior', 2)];
    case 'boolean':
      return [
        leaf('AppDefaultValue', column.defaultValue ? 1 : 0),
        el('optionset', { Name: `${table}_${column.logicalName}` }, [
          leaf('OptionSetType', 'bit'),
          leaf('IntroducedVersion', INTRODUCED_VERSION),
          leaf('IsCustomizable', 1),
          displayNames(column.displayName),
          descriptions(column.description),
          el('options', {}, [
            el('option', { value: 0 }, [labels(column.falseLabel)]),
            el('option', { value: 1 }, [labels(column.trueLabel)]),
          ]),
        ]),
      ];
    case 'choice':
      return [leaf('AppDefaultValue', column.defaultValue ?? -1), leaf('OptionSetName', column.choice)];
    case 'lookup':
      return [leaf('LookupStyle', 'single'), el('LookupTypes')];
  }
}

const MASK = 'ValidForAdvancedFind|ValidForForm|ValidForGrid';

export function attributeXml(table: string, column: Column, primaryName = false): XmlElement {
  const mask = primaryName ? `PrimaryName|${MASK}|RequiredForForm` : MASK;
  return el('attribute', { PhysicalName: column.schemaName ?? column.logicalName }, [
    leaf('Type', TYPE[column.type]),
    ...common(column.logicalName, column.required ?? 'none', mask, true, column.secured ?? false),
    ...typeSpecific(table, column),
    displayNames(column.displayName),
    descriptions(column.description),
  ]);
}

export function primaryKeyXml(table: CustomTable): XmlElement {
  const name = `${table.logicalName}id`;
  return el('attribute', { PhysicalName: name }, [
    leaf('Type', 'primarykey'),
    ...common(name, 'systemrequired', 'ValidForAdvancedFind|RequiredForGrid', false, false),
    displayNames(table.displayName),
    descriptions(`Unique identifier of the ${table.displayName.toLowerCase()}.`),
  ]);
}

/** statecode / statuscode as custom tables export them: Active (1) and Inactive (2). */
export function stateAttributesXml(table: CustomTable): XmlElement[] {
  const t = table.logicalName;
  const state = el('optionset', { Name: `${t}_statecode` }, [
    leaf('OptionSetType', 'state'),
    leaf('IntroducedVersion', INTRODUCED_VERSION),
    leaf('IsCustomizable', 1),
    displayNames('Status'),
    descriptions(`Status of the ${table.displayName.toLowerCase()}.`),
    el('states', {}, [
      el('state', { value: 0, defaultstatus: 1, invariantname: 'Active' }, [labels('Active')]),
      el('state', { value: 1, defaultstatus: 2, invariantname: 'Inactive' }, [labels('Inactive')]),
    ]),
  ]);
  const status = el('optionset', { Name: `${t}_statuscode` }, [
    leaf('OptionSetType', 'status'),
    leaf('IntroducedVersion', INTRODUCED_VERSION),
    leaf('IsCustomizable', 1),
    displayNames('Status Reason'),
    descriptions(`Reason for the status of the ${table.displayName.toLowerCase()}.`),
    el('statuses', {}, [
      el('status', { value: 1, state: 0 }, [labels('Active')]),
      el('status', { value: 2, state: 1 }, [labels('Inactive')]),
    ]),
  ]);
  const attr = (name: string, type: string, required: string, set: XmlElement, label: string) =>
    el('attribute', { PhysicalName: name }, [
      leaf('Type', type),
      // Platform columns, but updatable: deactivating a row is a PATCH of statecode/statuscode
      // (the Contoso export carries ValidForUpdateApi 1 on both).
      ...common(name, required, MASK, false, false, true),
      set,
      displayNames(label),
      descriptions(`${label} of the ${table.displayName.toLowerCase()}.`),
    ]);
  return [
    attr('statecode', 'state', 'systemrequired', state, 'Status'),
    attr('statuscode', 'status', 'none', status, 'Status Reason'),
  ];
}
