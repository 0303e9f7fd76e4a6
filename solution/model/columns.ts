import { LOOKUPS } from '../names';
import type {
  BooleanColumn,
  ChoiceColumn,
  DateTimeColumn,
  DecimalColumn,
  IntegerColumn,
  LookupColumn,
  MemoColumn,
  MoneyColumn,
  RequiredLevel,
  StringColumn,
} from './types';

/** Small constructors so each table file reads as a list of columns. */
type Common = { required?: RequiredLevel; secured?: boolean };

export function text(
  logicalName: string,
  displayName: string,
  description: string,
  maxLength: number,
  more: Common & { format?: StringColumn['format'] } = {},
): StringColumn {
  return { type: 'string', logicalName, displayName, description, maxLength, ...more };
}

export function memo(
  logicalName: string,
  displayName: string,
  description: string,
  maxLength: number,
  more: Common = {},
): MemoColumn {
  return { type: 'memo', logicalName, displayName, description, maxLength, ...more };
}

export function whole(
  logicalName: string,
  displayName: string,
  description: string,
  more: Common & { min?: number; max?: number } = {},
): IntegerColumn {
  return { type: 'integer', logicalName, displayName, description, ...more };
}

export function decimal(
  logicalName: string,
  displayName: string,
  description: string,
  precision: number,
  more: Common & { min?: number; max?: number } = {},
): DecimalColumn {
  return { type: 'decimal', logicalName, displayName, description, precision, ...more };
}

export function money(logicalName: string, displayName: string, description: string): MoneyColumn {
  return { type: 'money', logicalName, displayName, description };
}

export function dateTime(
  logicalName: string,
  displayName: string,
  description: string,
  more: Common = {},
): DateTimeColumn {
  return { type: 'datetime', logicalName, displayName, description, ...more };
}

export function dateOnly(logicalName: string, displayName: string, description: string): DateTimeColumn {
  return { type: 'dateonly', logicalName, displayName, description };
}

export function yesNo(
  logicalName: string,
  displayName: string,
  description: string,
  defaultValue = false,
): BooleanColumn {
  return {
    type: 'boolean',
    logicalName,
    displayName,
    description,
    trueLabel: 'Yes',
    falseLabel: 'No',
    defaultValue,
  };
}

export function choice(
  logicalName: string,
  displayName: string,
  description: string,
  choiceName: string,
  more: Common & { defaultValue?: number } = {},
): ChoiceColumn {
  return { type: 'choice', logicalName, displayName, description, choice: choiceName, ...more };
}

/** A lookup column; target and schema name come from LOOKUPS so they cannot drift. */
export function lookup(
  table: string,
  logicalName: string,
  displayName: string,
  description: string,
  more: Common = {},
): LookupColumn {
  const found = LOOKUPS.find((l) => l.table === table && l.column === logicalName);
  if (!found) throw new Error(`Lookup ${table}.${logicalName} is not listed in names.ts LOOKUPS`);
  return {
    type: 'lookup',
    logicalName,
    schemaName: found.navigationProperty,
    target: found.target,
    displayName,
    description,
    ...more,
  };
}
