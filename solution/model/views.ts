import { COLUMNS } from '../names';
import type { CustomTable, View } from './types';

/** Columns a list shows by default: the name and the first short columns of the table. */
function listColumns(table: CustomTable): string[] {
  const short = table.columns.filter((c) => c.type !== 'memo' && !c.secured).slice(0, 5);
  return [table.primaryName.logicalName, ...short.map((c) => c.logicalName)];
}

export function associatedViewName(table: CustomTable): string {
  return `${table.displayName} Associated View`;
}

/** Views a list of custom rows needs in an app: public, associated (sub-grids), lookup and quick find. */
export function viewsFor(table: CustomTable, columns = listColumns(table)): View[] {
  const name = table.primaryName.logicalName;
  const common = { table: table.logicalName, activeOnly: true, sortBy: name };
  return [
    { ...common, name: `Active ${table.pluralName}`, type: 'public', isDefault: true, columns },
    { ...common, name: associatedViewName(table), type: 'associated', isDefault: true, columns },
    { ...common, name: `${table.displayName} Lookup View`, type: 'lookup', isDefault: true, columns: [name] },
    {
      ...common,
      name: `Quick Find Active ${table.pluralName}`,
      type: 'quickfind',
      isDefault: true,
      columns,
      findColumns: [name],
    },
  ];
}

const h = COLUMNS.syncHistory;
/** Sync history lists read newest first, with the outcome up front. */
export function syncHistoryViews(table: CustomTable): View[] {
  const columns = [
    table.primaryName.logicalName,
    h.status,
    h.operation,
    h.trigger,
    h.invoiceId,
    h.xeroNumber,
    'createdon',
  ];
  return viewsFor(table, columns).map((v) =>
    v.type === 'lookup'
      ? v
      : {
          ...v,
          sortBy: 'createdon',
          descending: true,
          ...(v.type === 'quickfind' ? { findColumns: [table.primaryName.logicalName, h.xeroNumber] } : {}),
        },
  );
}
