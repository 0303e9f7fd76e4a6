/**
 * The `$select` lists the relay reads, built from the solution's names: a lookup column becomes
 * its `_<column>_value` property. Field-secured columns (the connect nonce) are never read here.
 */
import {
  COLUMNS,
  LOOKUPS,
  SYSTEM_COLUMNS,
  SYSTEM_NAVIGATION,
  SYSTEM_TABLES,
  TABLES,
} from '../../../../solution/names';
import { lookupProperty } from './odata';

const SC = SYSTEM_COLUMNS;

/** Lookups on system tables (the solution's own lookups are in LOOKUPS). */
const SYSTEM_LOOKUPS: Record<string, readonly string[]> = {
  [SYSTEM_TABLES.invoice.logicalName]: [SC.invoice.customerId, SC.invoice.currencyId],
  [SYSTEM_TABLES.invoiceDetail.logicalName]: [SC.invoiceDetail.productId, SC.invoiceDetail.parentBundleIdRef],
};

function isLookup(table: string, column: string): boolean {
  return (
    LOOKUPS.some((l) => l.table === table && l.column === column) ||
    (SYSTEM_LOOKUPS[table] ?? []).includes(column)
  );
}

function selectFor(table: string, columns: readonly string[], exclude: readonly string[] = []): string[] {
  const unique = [...new Set(columns)].filter((c) => !exclude.includes(c));
  return unique.map((c) => (isLookup(table, c) ? lookupProperty(c) : c));
}

const NAVIGATIONS: readonly string[] = Object.values(SYSTEM_NAVIGATION.invoice);

export const SELECT = {
  invoice: selectFor(
    SYSTEM_TABLES.invoice.logicalName,
    [...Object.values(SC.invoice), ...Object.values(COLUMNS.invoice)],
    NAVIGATIONS,
  ),
  invoiceDetail: selectFor(SYSTEM_TABLES.invoiceDetail.logicalName, [
    ...Object.values(SC.invoiceDetail),
    ...Object.values(COLUMNS.invoiceDetail),
  ]),
  account: selectFor(SYSTEM_TABLES.account.logicalName, [
    ...Object.values(SC.account),
    ...Object.values(SC.address),
  ]),
  contact: selectFor(SYSTEM_TABLES.contact.logicalName, [
    ...Object.values(SC.contact),
    ...Object.values(SC.address),
  ]),
  currency: [SC.transactionCurrency.isoCode],
  product: selectFor(SYSTEM_TABLES.product.logicalName, [
    ...Object.values(SC.product),
    ...Object.values(COLUMNS.product),
  ]),
  glCode: selectFor(TABLES.glCode.logicalName, [
    TABLES.glCode.primaryId,
    ...Object.values(COLUMNS.glCode),
    SC.stateCode,
  ]),
  taxRate: selectFor(TABLES.taxRate.logicalName, [
    TABLES.taxRate.primaryId,
    ...Object.values(COLUMNS.taxRate),
    SC.stateCode,
  ]),
  brandingTheme: selectFor(TABLES.brandingTheme.logicalName, [
    TABLES.brandingTheme.primaryId,
    ...Object.values(COLUMNS.brandingTheme),
    SC.stateCode,
  ]),
  trackingCategory: selectFor(TABLES.trackingCategory.logicalName, [
    TABLES.trackingCategory.primaryId,
    ...Object.values(COLUMNS.trackingCategory),
    SC.stateCode,
  ]),
  trackingOption: selectFor(TABLES.trackingOption.logicalName, [
    TABLES.trackingOption.primaryId,
    ...Object.values(COLUMNS.trackingOption),
    SC.stateCode,
  ]),
  connection: selectFor(
    TABLES.connection.logicalName,
    [TABLES.connection.primaryId, ...Object.values(COLUMNS.connection)],
    [COLUMNS.connection.connectNonce, COLUMNS.connection.connectNonceIssuedOn],
  ),
  defaults: selectFor(TABLES.defaults.logicalName, [
    TABLES.defaults.primaryId,
    ...Object.values(COLUMNS.defaults),
  ]),
  xeroLink: selectFor(TABLES.xeroLink.logicalName, [
    TABLES.xeroLink.primaryId,
    ...Object.values(COLUMNS.xeroLink),
  ]),
  syncHistory: selectFor(TABLES.syncHistory.logicalName, [
    TABLES.syncHistory.primaryId,
    COLUMNS.syncHistory.status,
    COLUMNS.syncHistory.operation,
    COLUMNS.syncHistory.invoiceId,
    COLUMNS.syncHistory.connectionId,
    COLUMNS.syncHistory.attempts,
    COLUMNS.syncHistory.idempotencyKey,
    COLUMNS.syncHistory.trigger,
  ]),
};
