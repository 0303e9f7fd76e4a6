import { errors } from '../errors';
import type { ColumnDef, StoredValue, TableDef } from '../model/types';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isGuid(s: unknown): s is string {
  return typeof s === 'string' && GUID.test(s);
}

/** Dataverse's date form: UTC, no milliseconds (reference/dataverse-webapi.md §1.4). */
export function toDataverseDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function invalid(table: TableDef, column: ColumnDef, value: unknown, expected: string) {
  return errors.validation(
    `The value '${String(value)}' of the '${column.logicalName}' attribute of the '${table.logicalName}' entity is not a valid ${expected}.`,
  );
}

/** Checks and converts one written value to its stored form; errors name the column. */
export function coerceValue(table: TableDef, column: ColumnDef, value: unknown): StoredValue {
  if (value === null) return null;
  switch (column.type) {
    case 'string':
    case 'memo': {
      if (typeof value !== 'string') throw invalid(table, column, value, 'string');
      if (column.maxLength !== undefined && value.length > column.maxLength) {
        throw errors.validation(
          `The length of the '${column.logicalName}' attribute of the '${table.logicalName}' entity exceeded the maximum allowed length of '${column.maxLength}'.`,
        );
      }
      return value;
    }
    case 'int':
    case 'bigint':
      if (typeof value !== 'number' || !Number.isInteger(value))
        throw invalid(table, column, value, 'whole number');
      return value;
    case 'decimal':
    case 'double':
    case 'money':
      if (typeof value !== 'number' || !isFinite(value)) throw invalid(table, column, value, 'number');
      return value;
    case 'bool':
      if (typeof value !== 'boolean') throw invalid(table, column, value, 'Boolean');
      return value;
    case 'datetime': {
      const ms = typeof value === 'string' ? Date.parse(value) : NaN;
      if (isNaN(ms)) throw invalid(table, column, value, 'date and time');
      return toDataverseDate(ms);
    }
    case 'dateonly':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value))
        throw invalid(table, column, value, 'date');
      return value.slice(0, 10);
    case 'picklist':
    case 'state':
    case 'status': {
      if (typeof value !== 'number' || !Number.isInteger(value))
        throw invalid(table, column, value, 'choice value');
      if (column.options?.length && !column.options.some((o) => o.value === value)) {
        throw errors.validation(
          `${value} is not a valid value for the '${column.logicalName}' attribute of the '${table.logicalName}' entity.`,
        );
      }
      return value;
    }
    case 'multiselect':
      if (typeof value !== 'string') throw invalid(table, column, value, 'list of choice values');
      return value;
    case 'primarykey':
    case 'uniqueidentifier':
      if (!isGuid(value)) throw invalid(table, column, value, 'unique identifier');
      return value.toLowerCase();
    default:
      return typeof value === 'object' ? JSON.stringify(value) : (value as StoredValue);
  }
}
