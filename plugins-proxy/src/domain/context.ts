/**
 * The mapping context: the snapshot indexed once (maps by id: no linear scans on a 200-line invoice), the
 * document type, the connection's settings with their defaults, and the labels findings use.
 */
import {
  CHOICES,
  COLUMNS,
  PRIMARY_IDS,
  SYSTEM_COLUMNS,
  SYSTEM_TABLES,
  TABLES,
} from '../../../solution/names';
import type { XeroDocumentType, XeroLineAmountType, XeroStatus } from './xeroModels';
import { lookupKey } from './lookupKey';
import {
  type InvoiceSnapshot,
  type SnapshotGlCode,
  type SnapshotLine,
  type SnapshotProduct,
  type SnapshotTaxRate,
  type SnapshotTrackingCategory,
  type SnapshotTrackingOption,
} from './snapshot';

export type Side = 'sales' | 'purchase';

export interface DocumentKindInfo {
  xeroType: XeroDocumentType;
  documentKind: 'invoice' | 'creditNote';
  side: Side;
  label: string;
}

const DT = CHOICES.documentType.values;
export const DOCUMENT_TYPES: Record<number, DocumentKindInfo> = {
  [DT.salesInvoice]: { xeroType: 'ACCREC', documentKind: 'invoice', side: 'sales', label: 'sales invoice' },
  [DT.purchaseInvoice]: { xeroType: 'ACCPAY', documentKind: 'invoice', side: 'purchase', label: 'bill' },
  [DT.salesCreditNote]: {
    xeroType: 'ACCRECCREDIT',
    documentKind: 'creditNote',
    side: 'sales',
    label: 'sales credit note',
  },
  [DT.purchaseCreditNote]: {
    xeroType: 'ACCPAYCREDIT',
    documentKind: 'creditNote',
    side: 'purchase',
    label: 'purchase credit note',
  },
};

const LAT = CHOICES.lineAmountType.values;
const LINE_AMOUNT_TYPES: Record<number, XeroLineAmountType> = {
  [LAT.taxExclusive]: 'Exclusive',
  [LAT.taxInclusive]: 'Inclusive',
  [LAT.noTax]: 'NoTax',
};

const PS = CHOICES.pushStatus.values;
const STATUSES: Record<number, XeroStatus> = {
  [PS.draft]: 'DRAFT',
  [PS.submitted]: 'SUBMITTED',
  [PS.authorised]: 'AUTHORISED',
};

export interface MappingContext {
  snapshot: InvoiceSnapshot;
  doc: DocumentKindInfo;
  connectionId: string;
  /** The connection id lower-case, for comparisons. */
  connectionKey: string;
  connectionName: string;
  organisationName: string;
  invoiceLabel: string;
  lineAmountType: XeroLineAmountType;
  status: XeroStatus;
  products: Map<string, SnapshotProduct>;
  glCodes: Map<string, SnapshotGlCode>;
  taxRates: Map<string, SnapshotTaxRate>;
  trackingOptions: Map<string, SnapshotTrackingOption>;
  trackingCategories: Map<string, SnapshotTrackingCategory>;
}

function indexBy<T extends Record<string, unknown>>(rows: readonly T[], key: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const row of rows) map.set(String(row[key]).toLowerCase(), row);
  return map;
}

/** Look up a row by GUID, ignoring case (Dataverse GUIDs compare case-insensitively). */
export function byId<T>(map: Map<string, T>, id: string | null | undefined): T | undefined {
  return id ? map.get(id.toLowerCase()) : undefined;
}

export function buildContext(snapshot: InvoiceSnapshot, doc: DocumentKindInfo): MappingContext {
  const cn = snapshot.connection;
  const CC = COLUMNS.connection;
  const inv = snapshot.invoice;
  const number = inv[SYSTEM_COLUMNS.invoice.invoiceNumber];
  const name = inv[SYSTEM_COLUMNS.invoice.name];
  const connectionName = cn[CC.name] ?? cn[CC.tenantName] ?? 'Xero';
  return {
    snapshot,
    doc,
    connectionId: cn[PRIMARY_IDS.connection],
    connectionKey: cn[PRIMARY_IDS.connection].toLowerCase(),
    connectionName,
    organisationName: snapshot.xero.organisation.name ?? cn[CC.tenantName] ?? connectionName,
    invoiceLabel: `Invoice ${number ?? name ?? inv[SYSTEM_COLUMNS.invoice.id]}`,
    lineAmountType: LINE_AMOUNT_TYPES[cn[CC.lineAmountType] ?? LAT.taxExclusive] ?? 'Exclusive',
    status: STATUSES[cn[CC.pushStatus] ?? PS.draft] ?? 'DRAFT',
    products: indexBy(snapshot.products, SYSTEM_COLUMNS.product.id),
    glCodes: indexBy(snapshot.glCodes, PRIMARY_IDS.glCode),
    taxRates: indexBy(snapshot.taxRates, PRIMARY_IDS.taxRate),
    trackingOptions: indexBy(snapshot.trackingOptions, PRIMARY_IDS.trackingOption),
    trackingCategories: indexBy(snapshot.trackingCategories, PRIMARY_IDS.trackingCategory),
  };
}

/** True when a reference row belongs to this connection (rows without a connection are trusted). */
const OWNER = lookupKey(COLUMNS.glCode.connectionId);

export function ofConnection(ctx: MappingContext, row: Record<string, unknown>): boolean {
  const owner = row[OWNER];
  return typeof owner !== 'string' || owner === ctx.connectionId || owner.toLowerCase() === ctx.connectionKey;
}

/** `line 3 "Widget"`: how findings name an invoice line. */
export function lineLabel(line: SnapshotLine, position: number, product?: SnapshotProduct): string {
  const D = SYSTEM_COLUMNS.invoiceDetail;
  const number = line[D.lineItemNumber] ?? position;
  const name = line[D.description] ?? line[D.productDescription] ?? product?.[SYSTEM_COLUMNS.product.name];
  return name ? `Line ${number} "${name.slice(0, 60)}"` : `Line ${number}`;
}

export const FIELD = {
  invoice: (column: string) => `${SYSTEM_TABLES.invoice.logicalName}.${column}`,
  line: (column: string) => `${SYSTEM_TABLES.invoiceDetail.logicalName}.${column}`,
  customer: (table: string, column: string) => `${table}.${column}`,
  connection: (column: string) => `${TABLES.connection.logicalName}.${column}`,
  product: (column: string) => `${SYSTEM_TABLES.product.logicalName}.${column}`,
};
