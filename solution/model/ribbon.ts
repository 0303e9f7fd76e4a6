import { COMPONENTS, SYSTEM_TABLES, TABLES } from '../names';
import type { RibbonButton, RibbonEnableRule, RibbonParameter } from './types';

const invoice = SYSTEM_TABLES.invoice.logicalName;
const connection = TABLES.connection.logicalName;
const FORM: readonly RibbonParameter[] = ['PrimaryControl'];

/** An enable rule answered by a function of the table's ribbon script, given the form context. */
function formRule(name: string, library: string, functionName: string): RibbonEnableRule {
  return { kind: 'custom', name, library, functionName, parameters: FORM };
}

const invoiceRule = (name: string, fn: string) =>
  formRule(name, COMPONENTS.invoiceRibbonScript, `StellariseRibbon.${fn}`);
const connectionRule = (name: string, fn: string) =>
  formRule(name, COMPONENTS.connectionCommandsScript, `StellariseConnection.${fn}`);

/** Saved, document type set, no sync Queued. */
const CAN_SYNC = invoiceRule('CanSyncToXero', 'enableSyncToXero');
const HAS_XERO_LINK = invoiceRule('HasXeroLink', 'enableOpenInXero');
/** A synced sales invoice, no sync Queued. */
const CAN_EMAIL = invoiceRule('CanEmailFromXero', 'enableEmailFromXero');
const NOT_LINKED = connectionRule('NotLinkedToXero', 'enableConnect');
/** Connected or Needs attention: the relay holds tokens for it. */
const LINKED = connectionRule('LinkedToXero', 'enableReconnect');

function invoiceFormButton(
  name: string,
  label: string,
  tooltip: string,
  rule: RibbonEnableRule,
  sequence: number,
): RibbonButton {
  return {
    id: `stl.invoice.${name}`,
    table: invoice,
    location: 'form',
    label,
    tooltip,
    library: COMPONENTS.invoiceRibbonScript,
    functionName: `StellariseRibbon.${name.charAt(0).toLowerCase()}${name.slice(1)}`,
    parameters: FORM,
    icon: COMPONENTS.xeroIcon,
    enableRules: [rule],
    sequence,
  };
}

function connectionFormButton(
  name: string,
  functionName: string,
  label: string,
  tooltip: string,
  rule: RibbonEnableRule,
  sequence: number,
): RibbonButton {
  return {
    id: `stl.${connection}.${name}`,
    table: connection,
    location: 'form',
    label,
    tooltip,
    library: COMPONENTS.connectionCommandsScript,
    functionName: `StellariseConnection.${functionName}`,
    parameters: FORM,
    icon: COMPONENTS.xeroIcon,
    enableRules: [rule],
    sequence,
  };
}

/** Classic RibbonDiffXml buttons; the functions live in the tables' ribbon web resources. */
export const RIBBON_BUTTONS: readonly RibbonButton[] = [
  invoiceFormButton(
    'SyncToXero',
    'Sync to Xero',
    'Send this invoice to Xero now. Progress shows on the Xero tab.',
    CAN_SYNC,
    90,
  ),
  invoiceFormButton(
    'OpenInXero',
    'Open in Xero',
    'Open this invoice in Xero, in a new window.',
    HAS_XERO_LINK,
    91,
  ),
  invoiceFormButton(
    'EmailFromXero',
    'Email from Xero',
    'Have Xero email this invoice to the customer, with its online invoice link.',
    CAN_EMAIL,
    92,
  ),
  {
    id: 'stl.invoice.SyncSelected',
    table: invoice,
    location: 'grid',
    label: 'Sync selected',
    tooltip: 'Send the selected invoices to Xero in the background.',
    library: COMPONENTS.invoiceRibbonScript,
    functionName: 'StellariseRibbon.syncSelected',
    parameters: ['SelectedControl', 'SelectedControlSelectedItemIds'],
    icon: COMPONENTS.xeroIcon,
    enableRules: [{ kind: 'selectionAtLeastOne' }],
    sequence: 90,
  },
  connectionFormButton(
    'ConnectToXero',
    'connectToXero',
    'Connect to Xero',
    'Link this connection to a Xero organisation. Xero asks you to sign in and approve access.',
    NOT_LINKED,
    90,
  ),
  connectionFormButton(
    'Reconnect',
    'connectToXero',
    'Reconnect',
    'Approve access in Xero again, for example after the connection needs attention.',
    LINKED,
    91,
  ),
  connectionFormButton(
    'Disconnect',
    'disconnectFromXero',
    'Disconnect',
    'Revoke access to Xero and remove the stored tokens. Syncing stops until you connect again.',
    LINKED,
    92,
  ),
  connectionFormButton(
    'RefreshReferenceData',
    'refreshReferenceDataNow',
    'Refresh reference data',
    'Pull account codes, tax rates, branding themes and tracking categories from Xero now.',
    LINKED,
    93,
  ),
];
