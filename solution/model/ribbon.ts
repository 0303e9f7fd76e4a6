import { COMPONENTS, SYSTEM_TABLES } from '../names';
import type { RibbonButton } from './types';

/** Classic RibbonDiffXml buttons on invoice; the functions live in the ribbon web resource. */
export const RIBBON_BUTTONS: readonly RibbonButton[] = [
  {
    id: 'stl.invoice.SyncToXero',
    table: SYSTEM_TABLES.invoice.logicalName,
    location: 'form',
    label: 'Sync to Xero',
    tooltip: 'Send this invoice to Xero now. Progress shows on the Xero tab.',
    library: COMPONENTS.invoiceRibbonScript,
    functionName: 'StellariseRibbon.syncToXero',
    parameters: ['PrimaryControl'],
    icon: COMPONENTS.xeroIcon,
    enableRule: 'notCreateForm',
    sequence: 90,
  },
  {
    id: 'stl.invoice.SyncSelected',
    table: SYSTEM_TABLES.invoice.logicalName,
    location: 'grid',
    label: 'Sync selected',
    tooltip: 'Send the selected invoices to Xero in the background.',
    library: COMPONENTS.invoiceRibbonScript,
    functionName: 'StellariseRibbon.syncSelected',
    parameters: ['SelectedControl', 'SelectedControlSelectedItemIds'],
    icon: COMPONENTS.xeroIcon,
    enableRule: 'selectionAtLeastOne',
    sequence: 90,
  },
];
