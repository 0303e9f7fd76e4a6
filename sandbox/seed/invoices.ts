/**
 * Writes the demo invoices through the Web API, header first and then each line, so Dynamics
 * (here the emulator's pricing rules) recomputes line amounts and invoice totals as it would for
 * a user. An invoice whose name already exists is left alone.
 */
import type { DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import {
  CHOICES,
  COLUMNS,
  PRODUCT_TYPE_CODES,
  SYSTEM_COLUMNS,
  SYSTEM_NAVIGATION,
  SYSTEM_TABLES,
  TABLES,
} from '../../solution/names';
import type { DemoCatalogue } from './catalogue';
import type { DemoCodes } from './codes';
import type { DemoConnectionKey } from './connection';
import { DEMO_INVOICES, type DemoInvoice, type DemoLine } from './invoiceSpecs';
import { bindTo, findId, type Row, type SeedCounter } from './rows';

const IC = COLUMNS.invoice;
const I = SYSTEM_COLUMNS.invoice;
const D = SYSTEM_COLUMNS.invoiceDetail;
const DOC = CHOICES.documentType.values;
const PURCHASE = new Set<number>([DOC.purchaseInvoice, DOC.purchaseCreditNote]);
const TAX_PERCENT: Record<string, number> = { OUTPUT: 10, INPUT: 10, EXEMPTOUTPUT: 0, EXEMPTEXPENSES: 0 };
const round2 = (n: number) => Math.round(n * 100) / 100;

export interface DemoConnection {
  readonly connectionId: string;
  readonly codes: DemoCodes;
}

export interface DemoContext {
  readonly connections: Record<DemoConnectionKey, DemoConnection>;
  readonly retiredGlCodeId: string;
  readonly catalogue: DemoCatalogue;
}

const connectionOf = (spec: DemoInvoice, ctx: DemoContext) => ctx.connections[spec.connection ?? 'main'];

function invoiceBody(spec: DemoInvoice, ctx: DemoContext): Row {
  const invoice = SYSTEM_TABLES.invoice.logicalName;
  return {
    [I.name]: spec.name,
    [`${SYSTEM_NAVIGATION.invoice.customerAccount}@odata.bind`]: `/${SYSTEM_TABLES.account.entitySet}(${ctx.catalogue.accounts[spec.account]})`,
    [`${SYSTEM_NAVIGATION.invoice.currency}@odata.bind`]: `/${SYSTEM_TABLES.transactionCurrency.entitySet}(${ctx.catalogue.currencyId})`,
    ...bindTo(invoice, IC.connectionId, TABLES.connection, connectionOf(spec, ctx).connectionId),
    [IC.documentType]: spec.documentType,
    [IC.syncStatus]: CHOICES.syncStatus.values.notSynced,
    [I.dateDelivered]: new Date().toISOString().slice(0, 10),
    [I.dueDate]: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    ...(spec.freight ? { [I.freightAmount]: spec.freight } : {}),
    ...(spec.discountAmount ? { [I.discountAmount]: spec.discountAmount } : {}),
    ...(spec.discountPercentage ? { [I.discountPercentage]: spec.discountPercentage } : {}),
    ...(spec.manualNumber ? { [IC.manualNumber]: spec.manualNumber } : {}),
    ...(spec.reference ? { [IC.reference]: spec.reference } : {}),
  };
}

function productTypeOf(line: DemoLine): number {
  if (line.bundle === 'header') return PRODUCT_TYPE_CODES.bundle;
  if (line.bundle === 'component') return PRODUCT_TYPE_CODES.requiredBundleProduct;
  if (line.bundle === 'optional') return PRODUCT_TYPE_CODES.optionalBundleProduct;
  return PRODUCT_TYPE_CODES.product;
}

function lineBody(
  line: DemoLine,
  spec: DemoInvoice,
  ctx: DemoContext,
  invoiceId: string,
  bundleLineId?: string,
): Row {
  const detail = SYSTEM_TABLES.invoiceDetail.logicalName;
  const DC = COLUMNS.invoiceDetail;
  const component = line.bundle === 'component' || line.bundle === 'optional';
  // Bundle components are priced inside their bundle, as the Sales pricing engine does.
  const price = component ? 0 : (line.price ?? ctx.catalogue.prices[line.product ?? ''] ?? 0);
  const taxType = line.taxType ?? (PURCHASE.has(spec.documentType) ? 'INPUT' : 'OUTPUT');
  const net = line.quantity * price - (line.discount ?? 0);
  // Products carry the main connection's codes; lines on another connection name their own.
  const { codes } = connectionOf(spec, ctx);
  const explicit = (spec.connection ?? 'main') !== 'main';
  const glCode = line.glCode ?? (explicit ? (PURCHASE.has(spec.documentType) ? '300' : '200') : undefined);
  const glCodeId = line.retiredGlCode ? ctx.retiredGlCodeId : glCode ? codes.glCodes[glCode] : undefined;
  const taxRateId = line.taxType || explicit || line.retiredGlCode ? codes.taxRates[taxType] : undefined;
  return {
    'invoiceid@odata.bind': `/${SYSTEM_TABLES.invoice.entitySet}(${invoiceId})`,
    [D.quantity]: line.quantity,
    [D.tax]: round2((net * (TAX_PERCENT[taxType] ?? 0)) / 100),
    [D.productTypeCode]: productTypeOf(line),
    ...(line.product
      ? {
          [`${D.productId}@odata.bind`]: `/${SYSTEM_TABLES.product.entitySet}(${ctx.catalogue.products[line.product]})`,
        }
      : { [D.isProductOverridden]: true, [D.productDescription]: line.writeIn }),
    ...(line.price !== undefined || component || !line.product
      ? { ispriceoverridden: true, [D.pricePerUnit]: price }
      : {}),
    ...(line.discount ? { [D.manualDiscountAmount]: line.discount } : {}),
    ...(component && bundleLineId
      ? {
          [`${D.parentBundleIdRef}@odata.bind`]: `/${SYSTEM_TABLES.invoiceDetail.entitySet}(${bundleLineId})`,
        }
      : {}),
    ...(taxRateId ? bindTo(detail, DC.taxRateId, TABLES.taxRate, taxRateId) : {}),
    ...(glCodeId ? bindTo(detail, DC.glCodeId, TABLES.glCode, glCodeId) : {}),
  };
}

async function createDemoInvoice(
  client: DataverseClient,
  spec: DemoInvoice,
  ctx: DemoContext,
): Promise<string> {
  const invoiceId = await client.create(SYSTEM_TABLES.invoice.entitySet, invoiceBody(spec, ctx));
  let bundleLineId: string | undefined;
  for (const line of spec.lines) {
    const id = await client.create(
      SYSTEM_TABLES.invoiceDetail.entitySet,
      lineBody(line, spec, ctx, invoiceId, bundleLineId),
    );
    if (line.bundle === 'header') bundleLineId = id;
  }
  return invoiceId;
}

export async function ensureDemoInvoices(
  client: DataverseClient,
  ctx: DemoContext,
  counter: SeedCounter,
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const spec of DEMO_INVOICES) {
    const existing = await findId(client, SYSTEM_TABLES.invoice, I.name, spec.name);
    if (existing) counter.existing += 1;
    else counter.created += 1;
    ids[spec.name] = existing ?? (await createDemoInvoice(client, spec, ctx));
  }
  return ids;
}
