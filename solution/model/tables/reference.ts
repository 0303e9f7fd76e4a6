import { COLUMNS, TABLES } from '../../names';
import { decimal, lookup, text, whole, yesNo } from '../columns';
import { customTable } from './table';

/** Tables pulled from Xero per connection; each has an alternate key of connection + Xero code. */
const connectionLookup = (table: string, column: string) =>
  lookup(table, column, 'Connection', 'The Xero connection this row was pulled from.', {
    required: 'required',
  });

const g = COLUMNS.glCode;
export const glCodeTable = customTable(
  TABLES.glCode,
  {
    displayName: 'GL code',
    pluralName: 'GL codes',
    description: 'An account from the Xero chart of accounts, pulled from Xero.',
  },
  [
    text(g.code, 'Code', 'The account code in Xero, e.g. 200.', 10, { required: 'required' }),
    text(g.accountType, 'Account type', "Xero's account type, e.g. REVENUE or EXPENSE.", 50),
    text(g.accountClass, 'Account class', "Xero's account class, e.g. ASSET or REVENUE.", 50),
    text(g.xeroAccountId, 'Xero account ID', 'The account id in Xero.', 100),
    text(g.defaultTaxType, 'Default tax type', 'The Xero tax type used with this account by default.', 50),
    yesNo(g.enablePayments, 'Payments allowed', 'Xero allows payments to be recorded against this account.'),
    connectionLookup(TABLES.glCode.logicalName, g.connectionId),
  ],
);

const t = COLUMNS.taxRate;
export const taxRateTable = customTable(
  TABLES.taxRate,
  {
    displayName: 'Tax rate',
    pluralName: 'Tax rates',
    description: 'A tax rate from Xero, pulled from Xero.',
  },
  [
    text(t.taxType, 'Tax type', "Xero's code for the tax rate, e.g. OUTPUT.", 50, { required: 'required' }),
    decimal(t.effectiveRate, 'Rate (%)', 'The effective rate in percent, e.g. 10.', 4, { min: 0, max: 100 }),
    yesNo(t.canApplyToRevenue, 'For sales', 'Xero allows this rate on sales documents.'),
    yesNo(t.canApplyToExpenses, 'For purchases', 'Xero allows this rate on purchase documents.'),
    connectionLookup(TABLES.taxRate.logicalName, t.connectionId),
  ],
);

const b = COLUMNS.brandingTheme;
export const brandingThemeTable = customTable(
  TABLES.brandingTheme,
  {
    displayName: 'Branding theme',
    pluralName: 'Branding themes',
    description: 'A Xero branding theme (the invoice layout), pulled from Xero.',
  },
  [
    text(b.xeroBrandingThemeId, 'Xero theme ID', 'The branding theme id in Xero.', 100, {
      required: 'required',
    }),
    whole(b.sortOrder, 'Sort order', 'The order Xero lists the theme in.', { min: 0, max: 1000 }),
    connectionLookup(TABLES.brandingTheme.logicalName, b.connectionId),
  ],
);

const tc = COLUMNS.trackingCategory;
export const trackingCategoryTable = customTable(
  TABLES.trackingCategory,
  {
    displayName: 'Tracking category',
    pluralName: 'Tracking categories',
    description: 'A Xero tracking category (e.g. Region), pulled from Xero.',
  },
  [
    text(tc.xeroTrackingCategoryId, 'Xero category ID', 'The tracking category id in Xero.', 100, {
      required: 'required',
    }),
    connectionLookup(TABLES.trackingCategory.logicalName, tc.connectionId),
  ],
);

const to = COLUMNS.trackingOption;
export const trackingOptionTable = customTable(
  TABLES.trackingOption,
  {
    displayName: 'Tracking option',
    pluralName: 'Tracking options',
    description: 'One option of a Xero tracking category (e.g. North), pulled from Xero.',
  },
  [
    text(to.xeroTrackingOptionId, 'Xero option ID', 'The tracking option id in Xero.', 100, {
      required: 'required',
    }),
    lookup(
      TABLES.trackingOption.logicalName,
      to.trackingCategoryId,
      'Tracking category',
      'The category this option belongs to.',
      {
        required: 'required',
      },
    ),
    connectionLookup(TABLES.trackingOption.logicalName, to.connectionId),
  ],
);
