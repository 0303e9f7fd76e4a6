import { SYSTEM_TABLES } from '../names';
import { PLATFORM_COLUMNS, SYSTEM_TABLE_COLUMNS, type ColumnType } from '../model/known';
import type { Column, CustomTable, SolutionModel, Table } from '../model/types';

/** Queries over the model that the emitters and the validator share. */
export function tableOf(model: SolutionModel, logicalName: string): Table | undefined {
  return model.tables.find((t) => t.logicalName === logicalName);
}

export function customTables(model: SolutionModel): CustomTable[] {
  return model.tables.filter((t): t is CustomTable => t.kind === 'custom');
}

export function columnsOf(table: Table): readonly Column[] {
  return table.kind === 'custom' ? [table.primaryName, ...table.columns] : table.columns;
}

export const isSystemTable = (logicalName: string): boolean =>
  Object.values(SYSTEM_TABLES).some((t) => t.logicalName === logicalName);

/** The type of a column we ship, or of a known platform column; undefined if neither. */
export function columnType(model: SolutionModel, table: string, column: string): ColumnType | undefined {
  const ours = tableOf(model, table);
  const shipped = ours ? columnsOf(ours).find((c) => c.logicalName === column) : undefined;
  if (shipped) return shipped.type;
  if (ours?.kind === 'custom' && (column === `${table}id` || column in PLATFORM_COLUMNS)) {
    return column === `${table}id` ? 'string' : PLATFORM_COLUMNS[column];
  }
  return SYSTEM_TABLE_COLUMNS[table]?.[column];
}
