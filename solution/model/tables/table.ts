import type { TableName } from '../../names';
import type { Column, CustomTable } from '../types';
import { text } from '../columns';

/** A custom table from its names.ts entry; its primary name column is `stl_name` (max 200). */
export function customTable(
  names: TableName,
  labels: {
    displayName: string;
    pluralName: string;
    description: string;
    nameLabel?: string;
    nameHelp?: string;
  },
  columns: readonly Column[],
): CustomTable {
  return {
    kind: 'custom',
    logicalName: names.logicalName,
    schemaName: names.logicalName,
    entitySet: names.entitySet,
    displayName: labels.displayName,
    pluralName: labels.pluralName,
    description: labels.description,
    primaryName: text(
      names.primaryName,
      labels.nameLabel ?? 'Name',
      labels.nameHelp ?? `The name of the ${labels.displayName.toLowerCase()}.`,
      200,
      { required: 'required' },
    ),
    columns,
  };
}
