/**
 * Pure: Xero's reference lists (xero-node models) → the rows each reference table should hold for a
 * connection, keyed like its alternate key; `active` false for what Xero archived or deleted.
 */
import type { Account, BrandingTheme, TaxRate, TrackingCategory } from 'xero-node';
import { COLUMNS, TABLES, type TableName } from '../../../solution/names';

export interface DesiredRow {
  /** The alternate key's second value (code, tax type or Xero id). */
  readonly key: string;
  readonly active: boolean;
  /** Data columns to write and compare. */
  readonly columns: Record<string, string | number | boolean | null>;
  /** For tracking options: the Xero id of the category the option belongs to. */
  readonly parentKey?: string;
}

export interface ReferenceTable {
  /** For messages: "GL codes", "tax rates"… */
  readonly label: string;
  readonly table: TableName;
  readonly keyColumn: string;
  readonly rows: DesiredRow[];
}

const G = COLUMNS.glCode;
const T = COLUMNS.taxRate;
const B = COLUMNS.brandingTheme;
const TC = COLUMNS.trackingCategory;
const TO = COLUMNS.trackingOption;

const INACTIVE = new Set(['ARCHIVED', 'DELETED']);
const isActive = (status: unknown) => !INACTIVE.has(String(status ?? 'ACTIVE').toUpperCase());
const str = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));
const clip = (value: string | null | undefined, max: number) => (value ? value.slice(0, max) : null);

export function glCodeRows(accounts: readonly Account[]): ReferenceTable {
  const rows = accounts
    .filter((a) => a.code)
    .map((a) => ({
      key: String(a.code),
      active: isActive(a.status),
      columns: {
        [G.name]: clip(a.name ?? a.code, 100),
        [G.code]: String(a.code),
        [G.accountType]: str(a.type),
        [G.accountClass]: str(a._class),
        [G.xeroAccountId]: str(a.accountID),
        [G.defaultTaxType]: str(a.taxType),
        [G.enablePayments]: a.enablePaymentsToAccount === true,
      },
    }));
  return { label: 'GL codes', table: TABLES.glCode, keyColumn: G.code, rows };
}

export function taxRateRows(rates: readonly TaxRate[]): ReferenceTable {
  const rows = rates
    .filter((r) => r.taxType)
    .map((r) => ({
      key: String(r.taxType),
      active: isActive(r.status),
      columns: {
        [T.name]: clip(r.name ?? r.taxType, 100),
        [T.taxType]: String(r.taxType),
        [T.effectiveRate]:
          typeof r.effectiveRate === 'number' ? r.effectiveRate : Number(r.effectiveRate ?? 0),
        [T.canApplyToRevenue]: r.canApplyToRevenue === true,
        [T.canApplyToExpenses]: r.canApplyToExpenses === true,
      },
    }));
  return { label: 'tax rates', table: TABLES.taxRate, keyColumn: T.taxType, rows };
}

export function brandingThemeRows(themes: readonly BrandingTheme[]): ReferenceTable {
  const rows = themes
    .filter((t) => t.brandingThemeID)
    .map((t) => ({
      key: String(t.brandingThemeID),
      active: true,
      columns: {
        [B.name]: clip(t.name, 100),
        [B.xeroBrandingThemeId]: String(t.brandingThemeID),
        [B.sortOrder]: typeof t.sortOrder === 'number' ? t.sortOrder : null,
      },
    }));
  return { label: 'branding themes', table: TABLES.brandingTheme, keyColumn: B.xeroBrandingThemeId, rows };
}

export function trackingRows(categories: readonly TrackingCategory[]): {
  categories: ReferenceTable;
  options: ReferenceTable;
} {
  const withId = categories.filter((c) => c.trackingCategoryID);
  const categoryRows = withId.map((c) => ({
    key: String(c.trackingCategoryID),
    active: isActive(c.status),
    columns: { [TC.name]: clip(c.name, 100), [TC.xeroTrackingCategoryId]: String(c.trackingCategoryID) },
  }));
  const optionRows = withId.flatMap((c) =>
    (c.options ?? [])
      .filter((o) => o.trackingOptionID)
      .map((o) => ({
        key: String(o.trackingOptionID),
        active: isActive(c.status) && isActive(o.status),
        parentKey: String(c.trackingCategoryID),
        columns: { [TO.name]: clip(o.name, 100), [TO.xeroTrackingOptionId]: String(o.trackingOptionID) },
      })),
  );
  return {
    categories: {
      label: 'tracking categories',
      table: TABLES.trackingCategory,
      keyColumn: TC.xeroTrackingCategoryId,
      rows: categoryRows,
    },
    options: {
      label: 'tracking options',
      table: TABLES.trackingOption,
      keyColumn: TO.xeroTrackingOptionId,
      rows: optionRows,
    },
  };
}
