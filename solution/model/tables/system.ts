import { CHOICES, COLUMNS, SYSTEM_TABLES } from '../../names';
import type { SystemTableExtension } from '../types';
import { choice, dateTime, lookup, money, text } from '../columns';

/**
 * The Microsoft solutions that bring the tables ("Added by" in the Dynamics 365 entity reference,
 * MicrosoftDocs/dynamics-365-customer-engagement ce/developer/entities/invoice.md, product.md).
 */
const SALES_SOLUTION = 'Sales';
const PRODUCT_SOLUTION = 'Product Management';

const i = COLUMNS.invoice;
const invoice = SYSTEM_TABLES.invoice.logicalName;

export const invoiceExtension: SystemTableExtension = {
  kind: 'system',
  logicalName: invoice,
  schemaName: 'Invoice',
  displayName: 'Invoice',
  solution: SALES_SOLUTION,
  columns: [
    choice(
      i.documentType,
      'Xero document type',
      'Which kind of Xero document this invoice becomes.',
      CHOICES.documentType.name,
      {
        defaultValue: CHOICES.documentType.values.salesInvoice,
      },
    ),
    lookup(
      invoice,
      i.connectionId,
      'Xero connection',
      'The Xero organisation this invoice is sent to; empty means the default.',
    ),
    lookup(invoice, i.brandingThemeId, 'Branding theme', 'The Xero branding theme; empty means the default.'),
    text(
      i.manualNumber,
      'Manual Xero number',
      'The number to use in Xero when the connection numbers invoices manually.',
      50,
    ),
    text(i.reference, 'Xero reference', 'The reference shown on the Xero document.', 255),
    choice(
      i.emailOnSync,
      'Email from Xero',
      'Whether Xero emails this invoice once synced.',
      CHOICES.invoiceEmailOnSync.name,
      {
        defaultValue: CHOICES.invoiceEmailOnSync.values.useConnectionSetting,
      },
    ),
    text(i.xeroId, 'Xero ID', 'The id of the document in Xero, set by the sync.', 100),
    text(i.xeroNumber, 'Xero number', 'The document number in Xero, set by the sync.', 100),
    text(i.xeroStatus, 'Xero status', 'The status of the document in Xero, e.g. AUTHORISED or PAID.', 50),
    text(i.xeroUrl, 'Open in Xero', 'A link that opens the document in Xero.', 500, { format: 'url' }),
    text(i.onlineUrl, 'Online invoice', 'The online invoice link the customer can pay from.', 500, {
      format: 'url',
    }),
    money(i.amountDue, 'Amount due (Xero)', 'What the customer still owes according to Xero.'),
    money(i.amountPaid, 'Amount paid (Xero)', 'What has been paid according to Xero.'),
    dateTime(i.lastSyncedOn, 'Last synced', 'When the invoice was last sent to or refreshed from Xero.'),
    choice(i.syncStatus, 'Xero sync status', 'Where the invoice stands with Xero.', CHOICES.syncStatus.name, {
      defaultValue: CHOICES.syncStatus.values.notSynced,
    }),
  ],
};

const l = COLUMNS.invoiceDetail;
const detail = SYSTEM_TABLES.invoiceDetail.logicalName;

export const invoiceDetailExtension: SystemTableExtension = {
  kind: 'system',
  logicalName: detail,
  schemaName: 'InvoiceDetail',
  displayName: 'Invoice Product',
  solution: SALES_SOLUTION,
  columns: [
    lookup(
      detail,
      l.glCodeId,
      'GL code',
      'The Xero account for this line; empty means the product or default code.',
    ),
    lookup(
      detail,
      l.taxRateId,
      'Tax rate',
      'The Xero tax rate for this line; empty means the product or default rate.',
    ),
    lookup(detail, l.trackingOption1Id, 'Tracking option 1', 'The first Xero tracking option for this line.'),
    lookup(
      detail,
      l.trackingOption2Id,
      'Tracking option 2',
      'The second Xero tracking option for this line.',
    ),
  ],
};

const pr = COLUMNS.product;
const product = SYSTEM_TABLES.product.logicalName;

export const productExtension: SystemTableExtension = {
  kind: 'system',
  logicalName: product,
  schemaName: 'Product',
  displayName: 'Product',
  solution: PRODUCT_SOLUTION,
  columns: [
    lookup(product, pr.salesGlCodeId, 'Sales GL code', 'The Xero account used when this product is sold.'),
    lookup(
      product,
      pr.purchaseGlCodeId,
      'Purchase GL code',
      'The Xero account used when this product is bought.',
    ),
    lookup(product, pr.salesTaxRateId, 'Sales tax rate', 'The Xero tax rate used when this product is sold.'),
    lookup(
      product,
      pr.purchaseTaxRateId,
      'Purchase tax rate',
      'The Xero tax rate used when this product is bought.',
    ),
    text(pr.xeroItemCode, 'Xero item code', 'The code of the matching Xero item.', 30),
  ],
};
