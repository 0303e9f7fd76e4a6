/**
 * AccountCode and TaxType: the line's, else the product's (by side), else the Defaults'; the row must be
 * synced for this connection, active, and allowed on this side (docs/sync-rules.md).
 */
import { COLUMNS, SYSTEM_COLUMNS, TABLES } from '../../../solution/names';
import { byId, FIELD, ofConnection, type MappingContext } from './context';
import { finding, type Finding } from './findings';
import { lookupKey } from './lookupKey';
import { type SnapshotLine, type SnapshotProduct, type SnapshotTaxRate } from './snapshot';

interface Candidate {
  id: string;
  field: string;
  source: string;
}

interface ChainColumns {
  line: string;
  product: string;
  defaults: string;
}

const CHAINS: Record<'gl' | 'tax', Record<'sales' | 'purchase', ChainColumns>> = {
  gl: {
    sales: {
      line: COLUMNS.invoiceDetail.glCodeId,
      product: COLUMNS.product.salesGlCodeId,
      defaults: COLUMNS.defaults.salesGlCodeId,
    },
    purchase: {
      line: COLUMNS.invoiceDetail.glCodeId,
      product: COLUMNS.product.purchaseGlCodeId,
      defaults: COLUMNS.defaults.purchaseGlCodeId,
    },
  },
  tax: {
    sales: {
      line: COLUMNS.invoiceDetail.taxRateId,
      product: COLUMNS.product.salesTaxRateId,
      defaults: COLUMNS.defaults.salesTaxRateId,
    },
    purchase: {
      line: COLUMNS.invoiceDetail.taxRateId,
      product: COLUMNS.product.purchaseTaxRateId,
      defaults: COLUMNS.defaults.purchaseTaxRateId,
    },
  },
};

/** The lookup property of each chain column, computed once (this runs for every line). */
const KEYS = new Map<string, string>();
function keyOf(column: string): string {
  let key = KEYS.get(column);
  if (key === undefined) KEYS.set(column, (key = lookupKey(column)));
  return key;
}

function chain(
  ctx: MappingContext,
  line: SnapshotLine | undefined,
  product: SnapshotProduct | undefined,
  kind: 'gl' | 'tax',
): Candidate | undefined {
  const columns = CHAINS[kind][ctx.doc.side];
  const fromLine = line?.[keyOf(columns.line)] as string | null | undefined;
  if (fromLine) return { id: fromLine, field: FIELD.line(columns.line), source: 'on the line' };
  const fromProduct = product?.[keyOf(columns.product)] as string | null | undefined;
  if (fromProduct) {
    const name = product?.[SYSTEM_COLUMNS.product.name] ?? product?.[SYSTEM_COLUMNS.product.id];
    return { id: fromProduct, field: FIELD.product(columns.product), source: `on product "${name}"` };
  }
  const fromDefaults = ctx.snapshot.defaults?.[keyOf(columns.defaults)] as string | null | undefined;
  if (fromDefaults)
    return {
      id: fromDefaults,
      field: `${TABLES.defaults.logicalName}.${columns.defaults}`,
      source: 'on the Defaults',
    };
  return undefined;
}

export interface CodeResolution<T> {
  value?: T;
  findings: Finding[];
}

export function resolveAccountCode(
  ctx: MappingContext,
  label: string,
  line: SnapshotLine | undefined,
  product: SnapshotProduct | undefined,
): CodeResolution<string> {
  const candidate = chain(ctx, line, product, 'gl');
  const params = { line: label, side: ctx.doc.side, connection: ctx.connectionName };
  if (!candidate) {
    return {
      findings: [finding('ACCOUNT_CODE_MISSING', FIELD.line(COLUMNS.invoiceDetail.glCodeId), params)],
    };
  }
  const row = byId(ctx.glCodes, candidate.id);
  const code = row?.[COLUMNS.glCode.code];
  if (!row || !code || !ofConnection(ctx, row) || row[SYSTEM_COLUMNS.stateCode] === 1) {
    return {
      findings: [finding('ACCOUNT_CODE_UNKNOWN', candidate.field, { ...params, source: candidate.source })],
    };
  }
  return { value: code, findings: [] };
}

export function taxRateAllowed(ctx: MappingContext, rate: SnapshotTaxRate): boolean {
  const column =
    ctx.doc.side === 'sales' ? COLUMNS.taxRate.canApplyToRevenue : COLUMNS.taxRate.canApplyToExpenses;
  return rate[column] !== false;
}

export interface ResolvedTax {
  taxType: string;
  /** Percent, e.g. 10 for 10 %. */
  rate: number;
}

export function resolveTaxType(
  ctx: MappingContext,
  label: string,
  line: SnapshotLine | undefined,
  product: SnapshotProduct | undefined,
): CodeResolution<ResolvedTax> {
  const candidate = chain(ctx, line, product, 'tax');
  const params = { line: label, side: ctx.doc.side, connection: ctx.connectionName };
  if (!candidate) {
    if (ctx.lineAmountType === 'NoTax') return { findings: [] };
    return { findings: [finding('TAX_TYPE_MISSING', FIELD.line(COLUMNS.invoiceDetail.taxRateId), params)] };
  }
  const row = byId(ctx.taxRates, candidate.id);
  const taxType = row?.[COLUMNS.taxRate.taxType];
  if (!row || !taxType || !ofConnection(ctx, row) || row[SYSTEM_COLUMNS.stateCode] === 1) {
    return {
      findings: [finding('TAX_TYPE_UNKNOWN', candidate.field, { ...params, source: candidate.source })],
    };
  }
  if (!taxRateAllowed(ctx, row)) {
    return { findings: [finding('TAX_TYPE_NOT_FOR_DOCUMENT', candidate.field, { ...params, taxType })] };
  }
  return { value: { taxType, rate: row[COLUMNS.taxRate.effectiveRate] ?? 0 }, findings: [] };
}

/**
 * A zero-rate tax type allowed on this side, for the invoice-level discount and freight lines
 * (Dynamics adds neither to tax, so neither may change Xero's tax). `NONE` is preferred.
 */
export function zeroRateTax(ctx: MappingContext): ResolvedTax | undefined {
  let found: ResolvedTax | undefined;
  for (const rate of ctx.snapshot.taxRates) {
    const taxType = rate[COLUMNS.taxRate.taxType];
    if (!taxType || (rate[COLUMNS.taxRate.effectiveRate] ?? 0) !== 0) continue;
    if (!ofConnection(ctx, rate) || !taxRateAllowed(ctx, rate) || rate[SYSTEM_COLUMNS.stateCode] === 1)
      continue;
    if (taxType === 'NONE') return { taxType, rate: 0 };
    found ??= { taxType, rate: 0 };
  }
  return found;
}
