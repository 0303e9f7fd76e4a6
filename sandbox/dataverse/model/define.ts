import type { ChoiceOption, ColumnDef, ColumnType, TableDef } from './types';

/** Shorthand for declaring the built-in tables. */
export type ColumnSpec = Omit<ColumnDef, 'logicalName'>;

export const col = {
  str: (maxLength = 100, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
    type: 'string',
    maxLength,
    ...extra,
  }),
  memo: (maxLength = 1048576): ColumnSpec => ({ type: 'memo', maxLength }),
  int: (extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ type: 'int', ...extra }),
  decimal: (extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ type: 'decimal', ...extra }),
  money: (extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ type: 'money', ...extra }),
  bool: (labels: [string, string] = ['No', 'Yes'], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
    type: 'bool',
    options: [
      { value: 0, label: labels[0] },
      { value: 1, label: labels[1] },
    ],
    ...extra,
  }),
  date: (extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ type: 'datetime', ...extra }),
  dateOnly: (): ColumnSpec => ({ type: 'dateonly' }),
  guid: (extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ type: 'uniqueidentifier', ...extra }),
  choice: (options: Record<number, string>, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
    type: 'picklist',
    options: toOptions(options),
    ...extra,
  }),
  lookup: (targets: string[], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
    type: 'lookup',
    targets,
    ...extra,
  }),
  readOnly: (type: ColumnType, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
    type,
    validForCreate: false,
    validForUpdate: false,
    ...extra,
  }),
};

export function toOptions(options: Record<number, string>): ChoiceOption[] {
  return Object.entries(options).map(([value, label]) => ({ value: Number(value), label }));
}

/** statecode/statuscode columns: states with their labels, statuses with label and owning state. */
export function stateColumns(
  states: Record<number, string>,
  statuses: Record<number, [string, number]>,
): Record<string, ColumnSpec> {
  return {
    statecode: { type: 'state', options: toOptions(states) },
    statuscode: {
      type: 'status',
      options: Object.entries(statuses).map(([v, [label, state]]) => ({ value: Number(v), label, state })),
    },
  };
}

const AUDIT_COLUMNS: Record<string, ColumnSpec> = {
  createdon: col.readOnly('datetime'),
  modifiedon: col.readOnly('datetime'),
  createdby: col.readOnly('lookup', { targets: ['systemuser'] }),
  modifiedby: col.readOnly('lookup', { targets: ['systemuser'] }),
  versionnumber: col.readOnly('bigint'),
  overriddencreatedon: col.date(),
};

export function defineTable(
  names: { logicalName: string; entitySet: string; primaryId: string; primaryName: string },
  columns: Record<string, ColumnSpec>,
  options: { owned?: boolean; label?: string; custom?: boolean } = {},
): TableDef {
  const all: Record<string, ColumnSpec> = {
    [names.primaryId]: { type: 'primarykey' },
    ...AUDIT_COLUMNS,
    ...(options.owned === false ? {} : { ownerid: col.lookup(['systemuser', 'team']) }),
    ...columns,
  };
  if (!all[names.primaryName]) all[names.primaryName] = col.str(100);
  const defs: Record<string, ColumnDef> = {};
  for (const [logicalName, spec] of Object.entries(all)) defs[logicalName] = { logicalName, ...spec };
  return {
    ...names,
    label: options.label,
    custom: options.custom ?? false,
    columns: defs,
    lookups: {},
    collections: {},
    alternateKeys: [],
  };
}

/** Names of a platform table whose primary id is `<logicalname>id`. */
export const t = (logicalName: string, entitySet: string, primaryName = 'name') => ({
  logicalName,
  entitySet,
  primaryId: `${logicalName}id`,
  primaryName,
});

export const ACTIVE_INACTIVE = stateColumns(
  { 0: 'Active', 1: 'Inactive' },
  { 1: ['Active', 0], 2: ['Inactive', 1] },
);
export const address = (prefix: string) =>
  Object.fromEntries(
    ['line1', 'line2', 'line3', 'city', 'stateorprovince', 'postalcode', 'country'].map((p) => [
      `${prefix}_${p}`,
      col.str(p.startsWith('line') ? 250 : 80),
    ]),
  );
