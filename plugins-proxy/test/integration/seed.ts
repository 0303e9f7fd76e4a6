/**
 * Demo data for the integration tests, written through the Web API as an admin would: a connection
 * already connected to the Xero emulator's organisation, its GL codes and tax rates (as the
 * reference-data pull would write them), defaults, products, a customer, and invoices.
 */
import {
  CHOICES,
  COLUMNS,
  PRODUCT_TYPE_CODES,
  SYSTEM_COLUMNS,
  SYSTEM_NAVIGATION,
  SYSTEM_TABLES,
  TABLES,
  navigationProperty,
} from '../../../solution/names';
import type { XeroEmulator } from '../../../sandbox/xero';
import type { Store } from '../../src/adapters/store/store';
import type { Config } from '../../src/config';
import { TokenCipher } from '../../src/oauth/crypto';
import { storeTokenStore } from '../../src/oauth/storePorts';
import { replaceTokenSet } from '../../src/oauth/tokenSet';
import type { WebApi } from './webApi';

const CC = COLUMNS.connection;
const bindTo = (table: string, column: string, entitySet: string, id: string) => ({
  [`${navigationProperty(table, column)}@odata.bind`]: `/${entitySet}(${id})`,
});

export interface SeedIds {
  connectionId: string;
  glCodes: Record<string, string>;
  taxRates: Record<string, { id: string; rate: number }>;
  products: Record<string, string>;
  accountId: string;
}

/** GL codes: Xero's AU demo chart, plus 999 which Xero does not have (a stale code). */
const GL_CODES: [string, string, string][] = [
  ['200', 'Sales', 'REVENUE'],
  ['300', 'Purchases', 'DIRECTCOSTS'],
  ['999', 'Retired account', 'REVENUE'],
];
const TAX_RATES: [string, string, number, boolean, boolean][] = [
  ['OUTPUT', 'GST on Income', 10, true, false],
  ['INPUT', 'GST on Expenses', 10, false, true],
  ['EXEMPTOUTPUT', 'GST Free Income', 0, true, false],
  ['EXEMPTEXPENSES', 'GST Free Expenses', 0, false, true],
];

export const CONNECTION_DEFAULTS = {
  [CC.contactPolicy]: CHOICES.contactPolicy.values.createMissing,
  [CC.itemPolicy]: CHOICES.itemPolicy.values.createMissing,
  [CC.bundleMode]: CHOICES.bundleMode.values.headerOnly,
  [CC.numbering]: CHOICES.numbering.values.xeroNumbers,
  [CC.pushStatus]: CHOICES.pushStatus.values.authorised,
  [CC.lineAmountType]: CHOICES.lineAmountType.values.taxExclusive,
  [CC.emailOnSync]: false,
};

export async function seedDemoData(
  api: WebApi,
  tenant: { tenantId: string; name: string },
): Promise<SeedIds> {
  const connectionId = await api.create(TABLES.connection.entitySet, {
    [CC.name]: tenant.name,
    [CC.tenantId]: tenant.tenantId,
    [CC.tenantName]: tenant.name,
    [CC.status]: CHOICES.connectionStatus.values.connected,
    [CC.isDefault]: true,
    ...CONNECTION_DEFAULTS,
  });
  const ofConnection = (table: string) =>
    bindTo(table, COLUMNS.glCode.connectionId, TABLES.connection.entitySet, connectionId);
  const glCodes: SeedIds['glCodes'] = {};
  for (const [code, name, type] of GL_CODES) {
    glCodes[code] = await api.create(TABLES.glCode.entitySet, {
      [COLUMNS.glCode.code]: code,
      [COLUMNS.glCode.name]: name,
      [COLUMNS.glCode.accountType]: type,
      ...ofConnection(TABLES.glCode.logicalName),
    });
  }
  const taxRates: SeedIds['taxRates'] = {};
  for (const [taxType, name, rate, revenue, expenses] of TAX_RATES) {
    const id = await api.create(TABLES.taxRate.entitySet, {
      [COLUMNS.taxRate.taxType]: taxType,
      [COLUMNS.taxRate.name]: name,
      [COLUMNS.taxRate.effectiveRate]: rate,
      [COLUMNS.taxRate.canApplyToRevenue]: revenue,
      [COLUMNS.taxRate.canApplyToExpenses]: expenses,
      ...ofConnection(TABLES.taxRate.logicalName),
    });
    taxRates[taxType] = { id, rate };
  }
  const DF = COLUMNS.defaults;
  const defaults = TABLES.defaults.logicalName;
  await api.create(TABLES.defaults.entitySet, {
    [DF.name]: 'Defaults',
    ...ofConnection(defaults),
    ...bindTo(defaults, DF.salesGlCodeId, TABLES.glCode.entitySet, glCodes['200']),
    ...bindTo(defaults, DF.purchaseGlCodeId, TABLES.glCode.entitySet, glCodes['300']),
    ...bindTo(defaults, DF.salesTaxRateId, TABLES.taxRate.entitySet, taxRates.OUTPUT.id),
    ...bindTo(defaults, DF.purchaseTaxRateId, TABLES.taxRate.entitySet, taxRates.INPUT.id),
  });
  const products: SeedIds['products'] = {};
  const product = async (name: string, number: string, price: number, structure = 1) => {
    products[number] = await api.create(SYSTEM_TABLES.product.entitySet, {
      [SYSTEM_COLUMNS.product.name]: name,
      [SYSTEM_COLUMNS.product.productNumber]: number,
      [SYSTEM_COLUMNS.product.price]: price,
      [SYSTEM_COLUMNS.product.productStructure]: structure,
    });
  };
  await product('Widget', 'WIDGET', 50);
  await product('Gadget', 'GADGET', 20);
  await product('Starter kit', 'KIT', 100, 3);
  const accountId = await createAccount(
    api,
    'Harness Buyer Pty Ltd',
    'HB-001',
    'accounts@harness-buyer.test',
  );
  return { connectionId, glCodes, taxRates, products, accountId };
}

export async function createAccount(
  api: WebApi,
  name: string,
  number: string,
  email: string,
): Promise<string> {
  return api.create(SYSTEM_TABLES.account.entitySet, {
    [SYSTEM_COLUMNS.account.name]: name,
    [SYSTEM_COLUMNS.account.accountNumber]: number,
    [SYSTEM_COLUMNS.account.email]: email,
  });
}

export interface LineSpec {
  /** A product number from the seed (catalogue line), or omitted for a write-in. */
  product?: string;
  description?: string;
  quantity?: number;
  price?: number;
  /** Tax rate type (default OUTPUT for sales, INPUT for purchases); tax is computed from it. */
  taxType?: string;
  glCode?: string;
  /** Bundle structure: 'bundle' line, or a component of the previous bundle line. */
  bundle?: 'bundle' | 'component';
}

export interface InvoiceSpec {
  name?: string;
  documentType?: number;
  accountId?: string;
  lines: LineSpec[];
  manualNumber?: string;
  /** The invoice's Xero reference (a PO number, say). */
  reference?: string;
  emailOnSync?: number;
}

const PURCHASE = new Set<number>([
  CHOICES.documentType.values.purchaseInvoice,
  CHOICES.documentType.values.purchaseCreditNote,
]);

export async function createInvoice(api: WebApi, seed: SeedIds, spec: InvoiceSpec): Promise<string> {
  const IC = COLUMNS.invoice;
  const documentType = spec.documentType ?? CHOICES.documentType.values.salesInvoice;
  const invoiceId = await api.create(SYSTEM_TABLES.invoice.entitySet, {
    [SYSTEM_COLUMNS.invoice.name]: spec.name ?? 'Harness invoice',
    [`${SYSTEM_NAVIGATION.invoice.customerAccount}@odata.bind`]: `/${SYSTEM_TABLES.account.entitySet}(${spec.accountId ?? seed.accountId})`,
    [IC.documentType]: documentType,
    ...(spec.manualNumber ? { [IC.manualNumber]: spec.manualNumber } : {}),
    ...(spec.reference ? { [IC.reference]: spec.reference } : {}),
    ...(spec.emailOnSync !== undefined ? { [IC.emailOnSync]: spec.emailOnSync } : {}),
    [IC.syncStatus]: CHOICES.syncStatus.values.notSynced,
  });
  let bundleLineId: string | undefined;
  for (const line of spec.lines) {
    const taxType = line.taxType ?? (PURCHASE.has(documentType) ? 'INPUT' : 'OUTPUT');
    const rate = seed.taxRates[taxType]?.rate ?? 0;
    const quantity = line.quantity ?? 1;
    const price = line.price ?? (line.product === 'GADGET' ? 20 : line.product === 'KIT' ? 100 : 50);
    const D = SYSTEM_COLUMNS.invoiceDetail;
    const detail = SYSTEM_TABLES.invoiceDetail.logicalName;
    const component = line.bundle === 'component';
    const body: Record<string, unknown> = {
      'invoiceid@odata.bind': `/${SYSTEM_TABLES.invoice.entitySet}(${invoiceId})`,
      [D.quantity]: quantity,
      [D.tax]: component ? 0 : Math.round(quantity * price * rate) / 100,
      ...(line.product
        ? {
            [`${D.productId}@odata.bind`]: `/${SYSTEM_TABLES.product.entitySet}(${seed.products[line.product]})`,
          }
        : { [D.isProductOverridden]: true, [D.productDescription]: line.description ?? 'Labour' }),
      ...(line.product || component ? { ispriceoverridden: true } : {}),
      [D.pricePerUnit]: component ? 0 : price,
      ...(line.bundle === 'bundle' ? { [D.productTypeCode]: PRODUCT_TYPE_CODES.bundle } : {}),
      ...(component && bundleLineId
        ? {
            [D.productTypeCode]: PRODUCT_TYPE_CODES.requiredBundleProduct,
            [`${D.parentBundleIdRef}@odata.bind`]: `/${SYSTEM_TABLES.invoiceDetail.entitySet}(${bundleLineId})`,
          }
        : {}),
      ...(seed.taxRates[taxType]
        ? bindTo(detail, COLUMNS.invoiceDetail.taxRateId, TABLES.taxRate.entitySet, seed.taxRates[taxType].id)
        : {}),
      ...(line.glCode
        ? bindTo(detail, COLUMNS.invoiceDetail.glCodeId, TABLES.glCode.entitySet, seed.glCodes[line.glCode])
        : {}),
    };
    const lineId = await api.create(SYSTEM_TABLES.invoiceDetail.entitySet, body);
    if (line.bundle === 'bundle') bundleLineId = lineId;
  }
  return invoiceId;
}

/**
 * The connection's Xero tokens, as a finished connect would leave them: issued by the Xero
 * emulator for its tenant and stored encrypted in the relay's store.
 */
export async function storeConnectionTokens(
  store: Store,
  config: Config,
  connectionId: string,
  xero: XeroEmulator,
  tenant: { tenantId: string; name: string },
  scope = config.xero.scopes.join(' '),
): Promise<void> {
  // What a connect through the consent page leaves: the relay's own scopes, granted.
  const tokenSet = xero.admin.issueTokenSet({ tenantIds: [tenant.tenantId], scope });
  await replaceTokenSet(storeTokenStore(store), new TokenCipher(config.encryption.current), connectionId, {
    accessToken: tokenSet.access_token,
    refreshToken: tokenSet.refresh_token ?? '',
    accessTokenExpiresAt: tokenSet.expires_at * 1000,
    refreshTokenIssuedAt: Date.now(),
    tenantId: tenant.tenantId,
    tenantName: tenant.name,
    xeroConnectionId: '',
    scope,
  });
}
