import { CHOICES, COLUMNS, TABLES } from '../../names';
import { choice, dateTime, lookup, memo, text, whole, yesNo } from '../columns';
import { customTable } from './table';

const c = COLUMNS.connection;

export const connectionTable = customTable(
  TABLES.connection,
  {
    displayName: 'Xero connection',
    pluralName: 'Xero connections',
    description: 'One Xero organisation that Dynamics syncs with, and how documents are sent to it.',
    nameHelp: 'A name you choose for this Xero organisation; you can rename it at any time.',
  },
  [
    text(c.tenantId, 'Xero tenant ID', 'The Xero organisation (tenant) this connection is linked to.', 100),
    text(c.tenantName, 'Xero organisation', 'The organisation name as Xero shows it.', 200),
    choice(c.status, 'Status', 'Whether the link to Xero works.', CHOICES.connectionStatus.name, {
      defaultValue: CHOICES.connectionStatus.values.notConnected,
    }),
    yesNo(c.isDefault, 'Default connection', 'Invoices without a connection use this one.'),
    choice(
      c.contactPolicy,
      'Contacts',
      'What to do when the customer is not yet a Xero contact.',
      CHOICES.contactPolicy.name,
      {
        defaultValue: CHOICES.contactPolicy.values.createMissing,
      },
    ),
    choice(
      c.itemPolicy,
      'Items',
      'What to do when a product is not yet a Xero item.',
      CHOICES.itemPolicy.name,
      {
        defaultValue: CHOICES.itemPolicy.values.createMissing,
      },
    ),
    choice(
      c.bundleMode,
      'Bundles',
      'Which lines of a product bundle are sent to Xero.',
      CHOICES.bundleMode.name,
      {
        defaultValue: CHOICES.bundleMode.values.headerOnly,
      },
    ),
    choice(
      c.numbering,
      'Invoice numbers',
      'Which number the Xero document carries.',
      CHOICES.numbering.name,
      {
        defaultValue: CHOICES.numbering.values.xeroNumbers,
      },
    ),
    choice(c.pushStatus, 'Status in Xero', 'The status new documents get in Xero.', CHOICES.pushStatus.name, {
      defaultValue: CHOICES.pushStatus.values.draft,
    }),
    yesNo(c.emailOnSync, 'Email from Xero', 'Xero emails each invoice to the customer once it is synced.'),
    choice(
      c.lineAmountType,
      'Line amounts',
      'Whether line amounts sent to Xero include tax.',
      CHOICES.lineAmountType.name,
      {
        defaultValue: CHOICES.lineAmountType.values.taxExclusive,
      },
    ),
    dateTime(
      c.refreshDeadline,
      'Reconnect by',
      'After this time Xero needs the connection to be reconnected.',
    ),
    dateTime(c.lastRefreshOn, 'Last token refresh', 'When the relay last renewed access to Xero.'),
    whole(c.dailyCallsLeft, 'Xero calls left today', 'How many Xero API calls remain in the daily limit.', {
      min: 0,
      max: 100000,
    }),
    memo(
      c.lastError,
      'Last error',
      'The last problem the relay had with this connection, as Xero reported it.',
      4000,
    ),
    dateTime(
      c.lastReferenceSyncOn,
      'Reference data pulled',
      'When codes, tax rates and themes were last pulled from Xero.',
    ),
    dateTime(c.lastPaymentPullOn, 'Payments pulled', 'When payments were last pulled from Xero.'),
    text(
      c.connectNonce,
      'Connect code',
      'A one-time code that lets the relay link this row to Xero. Only administrators see it.',
      100,
      {
        secured: true,
      },
    ),
    dateTime(
      c.connectNonceIssuedOn,
      'Connect code issued',
      'When the one-time connect code was issued; it expires soon after.',
    ),
    text(
      c.paymentAccountCode,
      'Payment account code',
      'The Xero bank account code payments are recorded against.',
      10,
    ),
  ],
);

const d = COLUMNS.defaults;
const table = TABLES.defaults.logicalName;

export const defaultsTable = customTable(
  TABLES.defaults,
  {
    displayName: 'Xero defaults',
    pluralName: 'Xero defaults',
    description: 'The organisation-wide defaults used when an invoice or product does not say otherwise.',
  },
  [
    lookup(table, d.connectionId, 'Connection', 'The Xero connection these defaults apply to.'),
    lookup(table, d.brandingThemeId, 'Branding theme', 'The Xero branding theme for new documents.'),
    lookup(table, d.salesGlCodeId, 'Sales account code', 'The Xero account for sales lines without a code.'),
    lookup(
      table,
      d.purchaseGlCodeId,
      'Purchase account code',
      'The Xero account for purchase lines without a code.',
    ),
    lookup(table, d.salesTaxRateId, 'Sales tax rate', 'The Xero tax rate for sales lines without one.'),
    lookup(
      table,
      d.purchaseTaxRateId,
      'Purchase tax rate',
      'The Xero tax rate for purchase lines without one.',
    ),
  ],
);
