import { COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES } from '../names';
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

/** The invoice products grid of the full invoice form (unmanaged package), with each line's Xero codes. */
export const INVOICE_LINES_VIEW = 'Invoice products (Xero)';

const line = COLUMNS.invoiceDetail;
export const invoiceLinesView: View = {
  table: SYSTEM_TABLES.invoiceDetail.logicalName,
  name: INVOICE_LINES_VIEW,
  type: 'associated',
  // Not the table's default: the Sales views stay what Microsoft ships.
  isDefault: false,
  columns: [
    SYSTEM_COLUMNS.invoiceDetail.productId,
    SYSTEM_COLUMNS.invoiceDetail.productDescription,
    SYSTEM_COLUMNS.invoiceDetail.quantity,
    SYSTEM_COLUMNS.invoiceDetail.pricePerUnit,
    line.glCodeId,
    line.taxRateId,
    SYSTEM_COLUMNS.invoiceDetail.extendedAmount,
  ],
  sortBy: SYSTEM_COLUMNS.invoiceDetail.lineItemNumber,
  activeOnly: false,
};

const inv = COLUMNS.invoice;
/**
 * The invoices of the Stellarise area with where each stands with Xero. Its own view, not a
 * change to the Sales views, and every invoice (paid ones keep their Xero status in the list).
 */
export const invoicesXeroView: View = {
  table: SYSTEM_TABLES.invoice.logicalName,
  name: 'Invoices (Xero)',
  type: 'public',
  isDefault: false,
  columns: [
    SYSTEM_COLUMNS.invoice.name,
    SYSTEM_COLUMNS.invoice.invoiceNumber,
    SYSTEM_COLUMNS.invoice.customerId,
    SYSTEM_COLUMNS.invoice.totalAmount,
    inv.syncStatus,
    inv.xeroNumber,
    inv.lastSyncedOn,
  ],
  sortBy: SYSTEM_COLUMNS.invoice.name,
  activeOnly: false,
};
