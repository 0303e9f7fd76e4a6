/**
 * A small snapshot builder for the domain tests: one plain, valid sales invoice in AUD (GST 10 %,
 * tax exclusive) with synced reference data, and helpers to vary it one rule at a time.
 */
import {
  CHOICES,
  COLUMNS,
  PRIMARY_IDS,
  PRODUCT_TYPE_CODES,
  SYSTEM_COLUMNS,
  SYSTEM_TABLES,
} from '../../../solution/names';
import { lookupKey, type InvoiceSnapshot } from '../../src/domain/snapshot';
import { round2 } from '../../src/domain/money';

type Snapshot = InvoiceSnapshot;
type Line = Snapshot['invoice']['invoice_details'][number];
type Row = Record<string, unknown>;

export const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const IDS = {
  connection: guid(1),
  otherConnection: guid(2),
  invoice: guid(10),
  account: guid(20),
  contact: guid(21),
  glSales: guid(30),
  glPurchase: guid(31),
  glOther: guid(32),
  glForeign: guid(33),
  glInactive: guid(34),
  taxOutput: guid(40),
  taxInput: guid(41),
  taxNone: guid(42),
  taxForeign: guid(43),
  taxOutputLow: guid(44),
  brandingTheme: guid(50),
  brandingThemeOther: guid(51),
  catRegion: guid(60),
  catOld: guid(61),
  optNorth: guid(70),
  optSouth: guid(71),
  optLegacy: guid(72),
  catArea: guid(62),
  optArea: guid(73),
  widget: guid(80),
  gadget: guid(81),
  kit: guid(82),
  xeroContact: 'b0000000-0000-4000-8000-000000000001',
  xeroBranding: 'd0000000-0000-4000-8000-000000000001',
} as const;

const D = SYSTEM_COLUMNS.invoiceDetail;
const IC = SYSTEM_COLUMNS.invoice;
const conn = { [lookupKey(COLUMNS.glCode.connectionId)]: IDS.connection };

let lineSeq = 100;

/** An invoice line; by default one Widget at 10.00 with GST computed the way Xero does. */
export function line(patch: Row = {}): Line {
  lineSeq += 1;
  const base: Row = {
    [D.id]: guid(lineSeq),
    [lookupKey(D.productId)]: IDS.widget,
    [D.isProductOverridden]: false,
    [D.quantity]: 1,
    [D.pricePerUnit]: 10,
    [D.productTypeCode]: PRODUCT_TYPE_CODES.product,
  };
  const merged = { ...base, ...patch } as Line;
  if (!(D.tax in patch)) {
    const net =
      (merged[D.quantity] ?? 0) * (merged[D.pricePerUnit] ?? 0) - (merged[D.manualDiscountAmount] ?? 0);
    (merged as Row)[D.tax] = round2(round2(net) * 0.1);
  }
  return merged;
}

export function writeIn(description: string, patch: Row = {}): Line {
  return line({
    [lookupKey(D.productId)]: null,
    [D.isProductOverridden]: true,
    [D.productDescription]: description,
    [lookupKey(COLUMNS.invoiceDetail.glCodeId)]: IDS.glSales,
    [lookupKey(COLUMNS.invoiceDetail.taxRateId)]: IDS.taxOutput,
    ...patch,
  });
}

function product(id: string, name: string, number: string, more: Row = {}): Row {
  return {
    [SYSTEM_COLUMNS.product.id]: id,
    [SYSTEM_COLUMNS.product.name]: name,
    [SYSTEM_COLUMNS.product.productNumber]: number,
    [lookupKey(COLUMNS.product.salesGlCodeId)]: IDS.glSales,
    [lookupKey(COLUMNS.product.purchaseGlCodeId)]: IDS.glPurchase,
    [lookupKey(COLUMNS.product.salesTaxRateId)]: IDS.taxOutput,
    [lookupKey(COLUMNS.product.purchaseTaxRateId)]: IDS.taxInput,
    ...more,
  };
}

function gl(id: string, code: string, more: Row = {}): Row {
  return {
    [PRIMARY_IDS.glCode]: id,
    [COLUMNS.glCode.code]: code,
    [COLUMNS.glCode.name]: `Account ${code}`,
    ...conn,
    ...more,
  };
}

function tax(
  id: string,
  taxType: string,
  rate: number,
  revenue: boolean,
  expenses: boolean,
  more: Row = {},
): Row {
  const T = COLUMNS.taxRate;
  return {
    [PRIMARY_IDS.taxRate]: id,
    [T.taxType]: taxType,
    [T.name]: taxType,
    [T.effectiveRate]: rate,
    [T.canApplyToRevenue]: revenue,
    [T.canApplyToExpenses]: expenses,
    ...conn,
    ...more,
  };
}

function category(id: string, xeroId: string, name: string, state = 0): Row {
  const T = COLUMNS.trackingCategory;
  return {
    [PRIMARY_IDS.trackingCategory]: id,
    [T.xeroTrackingCategoryId]: xeroId,
    [T.name]: name,
    [SYSTEM_COLUMNS.stateCode]: state,
    ...conn,
  };
}

function option(id: string, xeroId: string, name: string, categoryId: string): Row {
  const T = COLUMNS.trackingOption;
  return {
    [PRIMARY_IDS.trackingOption]: id,
    [T.xeroTrackingOptionId]: xeroId,
    [T.name]: name,
    [lookupKey(T.trackingCategoryId)]: categoryId,
    [SYSTEM_COLUMNS.stateCode]: 0,
    ...conn,
  };
}

/** Fill the Dynamics totals the way Dynamics computes them, unless the patch set them. */
export function withDynamicsTotals(s: Snapshot): Snapshot {
  const inv = s.invoice as Row & Snapshot['invoice'];
  const details = inv[IC.details];
  const lineTotal = round2(
    details.reduce(
      (sum, d) =>
        sum + round2((d[D.quantity] ?? 0) * (d[D.pricePerUnit] ?? 0) - (d[D.manualDiscountAmount] ?? 0)),
      0,
    ),
  );
  const taxTotal = round2(details.reduce((sum, d) => sum + (d[D.tax] ?? 0), 0));
  const discount = round2(
    (inv[IC.discountAmount] ?? 0) + round2((lineTotal * (inv[IC.discountPercentage] ?? 0)) / 100),
  );
  const freight = inv[IC.freightAmount] ?? 0;
  const filled: Row = {
    [IC.totalLineItemAmount]: lineTotal,
    [IC.totalTax]: taxTotal,
    [IC.totalDiscountAmount]: discount,
    [IC.totalAmount]: round2(lineTotal - discount + freight + taxTotal),
  };
  for (const [k, v] of Object.entries(filled)) if (!(k in inv)) inv[k] = v;
  return s;
}

export interface SnapshotPatch {
  invoice?: Row;
  lines?: Line[];
  connection?: Row;
  customer?: Row;
  defaults?: Row | null;
  xero?: Partial<Snapshot['xero']>;
  organisation?: Partial<Snapshot['xero']['organisation']>;
  currency?: string | null;
  products?: Row[];
  timeZone?: string;
}

export function snapshot(patch: SnapshotPatch = {}): Snapshot {
  const CC = COLUMNS.connection;
  const s = {
    invoice: {
      [IC.id]: IDS.invoice,
      [IC.name]: 'Order 1001',
      [IC.invoiceNumber]: 'INV-01001-A1B2C3',
      [lookupKey(IC.customerId)]: IDS.account,
      [IC.dateDelivered]: '2026-11-30T14:30:00Z',
      [IC.dueDate]: '2026-12-31',
      [COLUMNS.invoice.documentType]: CHOICES.documentType.values.salesInvoice,
      [lookupKey(COLUMNS.invoice.connectionId)]: IDS.connection,
      [IC.details]: patch.lines ?? [
        line(),
        line({ [lookupKey(D.productId)]: IDS.gadget, [D.quantity]: 3, [D.pricePerUnit]: 4.5 }),
      ],
      ...patch.invoice,
    },
    currency:
      patch.currency === null
        ? null
        : { [SYSTEM_COLUMNS.transactionCurrency.isoCode]: patch.currency ?? 'AUD' },
    customer:
      patch.customer?.logicalname === SYSTEM_TABLES.contact.logicalName
        ? patch.customer
        : {
            logicalname: SYSTEM_TABLES.account.logicalName,
            [SYSTEM_COLUMNS.account.id]: IDS.account,
            [SYSTEM_COLUMNS.account.name]: 'Acme Pty Ltd',
            [SYSTEM_COLUMNS.account.accountNumber]: 'ACC-001',
            [SYSTEM_COLUMNS.account.email]: 'accounts@acme.example',
            [SYSTEM_COLUMNS.account.telephone]: '+61 2 5550 1234',
            [SYSTEM_COLUMNS.address.line1]: '1 George St',
            [SYSTEM_COLUMNS.address.city]: 'Sydney',
            [SYSTEM_COLUMNS.address.region]: 'NSW',
            [SYSTEM_COLUMNS.address.postalCode]: '2000',
            [SYSTEM_COLUMNS.address.country]: 'Australia',
            ...patch.customer,
          },
    products: patch.products ?? [
      product(IDS.widget, 'Widget', 'PRD-WIDGET', {
        [COLUMNS.product.xeroItemCode]: 'WID-1',
        [SYSTEM_COLUMNS.product.price]: 10,
      }),
      product(IDS.gadget, 'Gadget', 'GAD-2', { [SYSTEM_COLUMNS.product.description]: 'A small gadget' }),
      product(IDS.kit, 'Starter Kit', 'KIT-1'),
    ],
    glCodes: [
      gl(IDS.glSales, '200'),
      gl(IDS.glPurchase, '400'),
      gl(IDS.glOther, '260'),
      gl(IDS.glForeign, '201', { [lookupKey(COLUMNS.glCode.connectionId)]: IDS.otherConnection }),
      gl(IDS.glInactive, '299', { [SYSTEM_COLUMNS.stateCode]: 1 }),
    ],
    taxRates: [
      tax(IDS.taxOutput, 'OUTPUT', 10, true, false),
      tax(IDS.taxInput, 'INPUT', 10, false, true),
      tax(IDS.taxNone, 'NONE', 0, true, true),
      tax(IDS.taxOutputLow, 'OUTPUT2', 15, true, false),
      tax(IDS.taxForeign, 'OUTPUT3', 10, true, false, {
        [lookupKey(COLUMNS.taxRate.connectionId)]: IDS.otherConnection,
      }),
    ],
    brandingThemes: [
      {
        [PRIMARY_IDS.brandingTheme]: IDS.brandingTheme,
        [COLUMNS.brandingTheme.xeroBrandingThemeId]: IDS.xeroBranding,
        [COLUMNS.brandingTheme.name]: 'Standard',
        ...conn,
      },
    ],
    trackingCategories: [
      category(IDS.catRegion, 'e0000000-0000-4000-8000-000000000001', 'Region'),
      category(IDS.catOld, 'e0000000-0000-4000-8000-000000000002', 'Old', 1),
      category(IDS.catArea, 'e0000000-0000-4000-8000-000000000003', 'Area'),
    ],
    trackingOptions: [
      option(IDS.optNorth, 'f0000000-0000-4000-8000-000000000001', 'North', IDS.catRegion),
      option(IDS.optSouth, 'f0000000-0000-4000-8000-000000000002', 'South', IDS.catRegion),
      option(IDS.optLegacy, 'f0000000-0000-4000-8000-000000000003', 'Legacy', IDS.catOld),
      option(IDS.optArea, 'f0000000-0000-4000-8000-000000000004', 'Metro', IDS.catArea),
    ],
    connection: {
      [PRIMARY_IDS.connection]: IDS.connection,
      [CC.name]: 'Demo AU',
      [CC.tenantName]: 'Demo Company (AU)',
      [CC.contactPolicy]: CHOICES.contactPolicy.values.createMissing,
      [CC.itemPolicy]: CHOICES.itemPolicy.values.createMissing,
      [CC.bundleMode]: CHOICES.bundleMode.values.headerAndComponents,
      [CC.numbering]: CHOICES.numbering.values.xeroNumbers,
      [CC.pushStatus]: CHOICES.pushStatus.values.authorised,
      [CC.emailOnSync]: false,
      [CC.lineAmountType]: CHOICES.lineAmountType.values.taxExclusive,
      ...patch.connection,
    },
    defaults:
      patch.defaults === null
        ? null
        : {
            [lookupKey(COLUMNS.defaults.brandingThemeId)]: IDS.brandingTheme,
            [lookupKey(COLUMNS.defaults.salesGlCodeId)]: IDS.glSales,
            [lookupKey(COLUMNS.defaults.purchaseGlCodeId)]: IDS.glPurchase,
            [lookupKey(COLUMNS.defaults.salesTaxRateId)]: IDS.taxOutput,
            [lookupKey(COLUMNS.defaults.purchaseTaxRateId)]: IDS.taxInput,
            ...patch.defaults,
          },
    xero: {
      organisation: {
        name: 'Demo Company (AU)',
        baseCurrency: 'AUD',
        multiCurrency: false,
        ...patch.organisation,
      },
      contacts: [],
      items: [{ Code: 'WID-1', Name: 'Widget' }],
      links: [],
      ...patch.xero,
    },
    today: '2026-12-01',
    timeZone: patch.timeZone ?? 'Australia/Sydney',
  } as unknown as Snapshot;
  return withDynamicsTotals(s);
}

export const LINE = D;
export const INVOICE = IC;

/** The one document element of a mapping result, in wire form. */
export function wireDoc(result: { document: Record<string, unknown> }): Record<string, unknown> & {
  LineItems: Array<Record<string, unknown>>;
} {
  const list = (result.document.Invoices ?? result.document.CreditNotes) as Array<Record<string, unknown>>;
  return list[0] as Record<string, unknown> & { LineItems: Array<Record<string, unknown>> };
}

export function codesOf(result: { findings: Array<{ code: string }> }): string[] {
  return result.findings.map((f) => f.code);
}
