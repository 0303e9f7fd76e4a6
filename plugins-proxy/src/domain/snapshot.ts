/**
 * The invoice snapshot: everything the mapper needs, in Dataverse Web API JSON shapes; loose objects,
 * the columns the mapper uses checked strictly. Documented in docs/snapshot.md.
 */
import { COLUMNS, PRIMARY_IDS, SYSTEM_COLUMNS, SYSTEM_TABLES } from '../../../solution/names';
import { lookupKey } from './lookupKey';
import { failure, success, type Result } from './result';
import * as z from './schema';

export { lookupKey };

const id = z.string({ minLength: 1 });
const text = z.nullish(z.string());
const num = z.nullish(z.number());
const ref = z.nullish(z.string());
const flag = z.nullish(z.boolean());
const choice = z.nullish(z.int());

const SC = SYSTEM_COLUMNS;
const IC = COLUMNS.invoice;
const DC = COLUMNS.invoiceDetail;
const PC = COLUMNS.product;

const invoiceDetail = z.looseObject({
  [SC.invoiceDetail.id]: id,
  [SC.invoiceDetail.name]: text,
  [lookupKey(SC.invoiceDetail.productId)]: ref,
  [SC.invoiceDetail.isProductOverridden]: flag,
  [SC.invoiceDetail.productDescription]: text,
  [SC.invoiceDetail.productName]: text,
  [SC.invoiceDetail.description]: text,
  [SC.invoiceDetail.quantity]: num,
  [SC.invoiceDetail.pricePerUnit]: num,
  [SC.invoiceDetail.manualDiscountAmount]: num,
  [SC.invoiceDetail.tax]: num,
  [SC.invoiceDetail.lineItemNumber]: num,
  [SC.invoiceDetail.sequenceNumber]: num,
  [SC.invoiceDetail.productTypeCode]: choice,
  [lookupKey(SC.invoiceDetail.parentBundleIdRef)]: ref,
  [lookupKey(DC.glCodeId)]: ref,
  [lookupKey(DC.taxRateId)]: ref,
  [lookupKey(DC.trackingOption1Id)]: ref,
  [lookupKey(DC.trackingOption2Id)]: ref,
});

const invoice = z.looseObject({
  [SC.invoice.id]: id,
  [SC.invoice.name]: text,
  [SC.invoice.invoiceNumber]: text,
  [lookupKey(SC.invoice.customerId)]: ref,
  [SC.invoice.dateDelivered]: text,
  [SC.invoice.dueDate]: text,
  [SC.invoice.totalAmount]: num,
  [SC.invoice.totalTax]: num,
  [SC.invoice.totalLineItemAmount]: num,
  [SC.invoice.totalDiscountAmount]: num,
  [SC.invoice.discountAmount]: num,
  [SC.invoice.discountPercentage]: num,
  [SC.invoice.freightAmount]: num,
  [IC.documentType]: choice,
  [lookupKey(IC.connectionId)]: ref,
  [lookupKey(IC.brandingThemeId)]: ref,
  [IC.manualNumber]: text,
  [IC.reference]: text,
  [IC.emailOnSync]: choice,
  [IC.xeroId]: text,
  [SC.invoice.details]: z.array(invoiceDetail),
});

const address = {
  [SC.address.line1]: text,
  [SC.address.line2]: text,
  [SC.address.line3]: text,
  [SC.address.city]: text,
  [SC.address.region]: text,
  [SC.address.postalCode]: text,
  [SC.address.country]: text,
};

const accountCustomer = z.looseObject({
  logicalname: z.literal(SYSTEM_TABLES.account.logicalName),
  [SC.account.id]: id,
  [SC.account.name]: text,
  [SC.account.accountNumber]: text,
  [SC.account.email]: text,
  [SC.account.telephone]: text,
  ...address,
});

const contactCustomer = z.looseObject({
  logicalname: z.literal(SYSTEM_TABLES.contact.logicalName),
  [SC.contact.id]: id,
  [SC.contact.fullName]: text,
  [SC.contact.firstName]: text,
  [SC.contact.lastName]: text,
  [SC.contact.email]: text,
  [SC.contact.telephone]: text,
  [SC.contact.mobilePhone]: text,
  ...address,
});

const product = z.looseObject({
  [SC.product.id]: id,
  [SC.product.name]: text,
  [SC.product.productNumber]: text,
  [SC.product.description]: text,
  [SC.product.price]: num,
  [PC.xeroItemCode]: text,
  [lookupKey(PC.salesGlCodeId)]: ref,
  [lookupKey(PC.purchaseGlCodeId)]: ref,
  [lookupKey(PC.salesTaxRateId)]: ref,
  [lookupKey(PC.purchaseTaxRateId)]: ref,
});

const connectionRef = { [lookupKey(COLUMNS.glCode.connectionId)]: ref };
const state = { [SC.stateCode]: choice };

const glCode = z.looseObject({
  [PRIMARY_IDS.glCode]: id,
  [COLUMNS.glCode.code]: text,
  [COLUMNS.glCode.name]: text,
  ...connectionRef,
  ...state,
});

const taxRate = z.looseObject({
  [PRIMARY_IDS.taxRate]: id,
  [COLUMNS.taxRate.taxType]: text,
  [COLUMNS.taxRate.name]: text,
  [COLUMNS.taxRate.effectiveRate]: num,
  [COLUMNS.taxRate.canApplyToRevenue]: flag,
  [COLUMNS.taxRate.canApplyToExpenses]: flag,
  ...connectionRef,
  ...state,
});

const brandingTheme = z.looseObject({
  [PRIMARY_IDS.brandingTheme]: id,
  [COLUMNS.brandingTheme.xeroBrandingThemeId]: text,
  [COLUMNS.brandingTheme.name]: text,
  ...connectionRef,
});

const trackingCategory = z.looseObject({
  [PRIMARY_IDS.trackingCategory]: id,
  [COLUMNS.trackingCategory.xeroTrackingCategoryId]: text,
  [COLUMNS.trackingCategory.name]: text,
  ...connectionRef,
  ...state,
});

const trackingOption = z.looseObject({
  [PRIMARY_IDS.trackingOption]: id,
  [COLUMNS.trackingOption.xeroTrackingOptionId]: text,
  [COLUMNS.trackingOption.name]: text,
  [lookupKey(COLUMNS.trackingOption.trackingCategoryId)]: ref,
  ...connectionRef,
  ...state,
});

const CC = COLUMNS.connection;
const connection = z.looseObject({
  [PRIMARY_IDS.connection]: id,
  [CC.name]: text,
  [CC.tenantName]: text,
  [CC.contactPolicy]: choice,
  [CC.itemPolicy]: choice,
  [CC.bundleMode]: choice,
  [CC.numbering]: choice,
  [CC.pushStatus]: choice,
  [CC.emailOnSync]: flag,
  [CC.lineAmountType]: choice,
});

const DF = COLUMNS.defaults;
const defaults = z.looseObject({
  [lookupKey(DF.brandingThemeId)]: ref,
  [lookupKey(DF.salesGlCodeId)]: ref,
  [lookupKey(DF.purchaseGlCodeId)]: ref,
  [lookupKey(DF.salesTaxRateId)]: ref,
  [lookupKey(DF.purchaseTaxRateId)]: ref,
});

function list<T>(schema: z.Schema<T>) {
  return z.withDefault(z.array(schema), []);
}

const xeroContact = z.looseObject({
  ContactID: id,
  Name: z.string(),
  ContactNumber: text,
  EmailAddress: text,
});

const xero = z.looseObject({
  organisation: z.looseObject({
    name: z.nullish(z.string()),
    baseCurrency: z.string({ minLength: 3 }),
    multiCurrency: z.boolean(),
  }),
  contacts: list(xeroContact),
  items: list(z.looseObject({ Code: z.string(), Name: text })),
  links: list(z.looseObject({ entity: z.string(), recordId: id, xeroId: id })),
});

export type XeroSideSnapshot = z.Infer<typeof xero>;

/**
 * Xero's side before it is read: no contacts or items known and any currency allowed, so only
 * findings outside XERO_SIDE_FINDINGS are trusted from a mapping on it.
 */
export function xeroSideNotYetRead(
  links: readonly { entity: string; recordId: string; xeroId: string }[],
): XeroSideSnapshot {
  return {
    organisation: { name: null, baseCurrency: 'XXX', multiCurrency: true },
    contacts: [],
    items: [],
    links: links.map((l) => ({ ...l })),
  };
}

export const invoiceSnapshotSchema = z.looseObject({
  invoice,
  currency: z.nullable(z.looseObject({ [SC.transactionCurrency.isoCode]: z.string({ minLength: 3 }) })),
  customer: z.discriminatedUnion('logicalname', {
    [SYSTEM_TABLES.account.logicalName]: accountCustomer,
    [SYSTEM_TABLES.contact.logicalName]: contactCustomer,
  }),
  products: list(product),
  glCodes: list(glCode),
  taxRates: list(taxRate),
  brandingThemes: list(brandingTheme),
  trackingCategories: list(trackingCategory),
  trackingOptions: list(trackingOption),
  connection,
  defaults: z.withDefault(z.nullable(defaults), null),
  xero,
  today: z.string({ pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'expected a date as YYYY-MM-DD' }),
  timeZone: z.string({ minLength: 1 }),
});

export type InvoiceSnapshot = z.Infer<typeof invoiceSnapshotSchema>;
export type SnapshotInvoice = InvoiceSnapshot['invoice'];
export type SnapshotLine = SnapshotInvoice['invoice_details'][number];
export type SnapshotProduct = InvoiceSnapshot['products'][number];
export type SnapshotCustomer = InvoiceSnapshot['customer'];
export type SnapshotGlCode = InvoiceSnapshot['glCodes'][number];
export type SnapshotTaxRate = InvoiceSnapshot['taxRates'][number];
export type SnapshotTrackingOption = InvoiceSnapshot['trackingOptions'][number];
export type SnapshotTrackingCategory = InvoiceSnapshot['trackingCategories'][number];

/** Where the JSON first fails the schema, and a message that names the place. */
interface SnapshotParseFailure {
  path: string;
  message: string;
}

export type ParseSnapshotResult = Result<InvoiceSnapshot, SnapshotParseFailure>;

/** `invoice.invoice_details[2].quantity` from the issue's path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Validate unknown JSON as a snapshot; never throws. */
export function parseSnapshot(json: unknown): ParseSnapshotResult {
  try {
    return success(invoiceSnapshotSchema.parse(json));
  } catch (error) {
    if (!(error instanceof z.SchemaIssue)) throw error;
    const path = formatPath(error.path);
    return failure({ path, message: `${path}: ${error.message}` });
  }
}
