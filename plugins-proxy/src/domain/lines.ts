/**
 * One Dynamics invoice line → one Xero line item: ItemCode, Description, Quantity, UnitAmount (4 dp);
 * LineAmount and Total are never sent, Xero computes them (docs/sync-rules.md).
 */
import { CHOICES, COLUMNS, SYSTEM_COLUMNS } from '../../../solution/names';
import { resolveAccountCode, resolveTaxType } from './codes';
import { byId, FIELD, lineLabel, type MappingContext } from './context';
import { applyLineDiscount } from './discounts';
import { finding, type Finding } from './findings';
import { hasMoreDecimals, round2, round4 } from './money';
import { lookupKey } from './lookupKey';
import { type SnapshotLine, type SnapshotProduct } from './snapshot';
import { computeLine, difference, type ComputedLine } from './totals';
import { mapTracking } from './tracking';
import type { XeroLineItem } from './xeroModels';

export interface MappedLine {
  lineItem: XeroLineItem;
  computed: ComputedLine;
  label: string;
  product?: SnapshotProduct;
  resolvedAccountCode?: string;
  resolvedTaxType?: string;
}

const D = SYSTEM_COLUMNS.invoiceDetail;
const PRODUCT_KEY = lookupKey(D.productId);

export function lineProduct(ctx: MappingContext, line: SnapshotLine): SnapshotProduct | undefined {
  return line[D.isProductOverridden] ? undefined : byId(ctx.products, line[PRODUCT_KEY]);
}

/** What Dynamics charges for a line before tax: Quantity × Price − manual discount. */
export function dynamicsNet(line: SnapshotLine): number {
  return round2((line[D.quantity] ?? 0) * (line[D.pricePerUnit] ?? 0) - (line[D.manualDiscountAmount] ?? 0));
}

function description(line: SnapshotLine, product: SnapshotProduct | undefined): string {
  const own = line[D.description];
  if (own && own.trim()) return own;
  const fallback = line[D.isProductOverridden]
    ? line[D.productDescription]
    : (product?.[SYSTEM_COLUMNS.product.name] ?? line[D.productName] ?? line[D.productDescription]);
  return fallback ?? '';
}

function itemCode(
  ctx: MappingContext,
  line: SnapshotLine,
  product: SnapshotProduct | undefined,
): string | undefined {
  if (!product || line[D.isProductOverridden]) return undefined;
  if (ctx.snapshot.connection[COLUMNS.connection.itemPolicy] === CHOICES.itemPolicy.values.dontUseItems)
    return undefined;
  const code =
    product[COLUMNS.product.xeroItemCode]?.trim() || product[SYSTEM_COLUMNS.product.productNumber]?.trim();
  return code || undefined;
}

function checkText(
  ctx: MappingContext,
  label: string,
  text: string,
  code: string | undefined,
  product?: SnapshotProduct,
) {
  const findings: Finding[] = [];
  const descField = FIELD.line(D.description);
  if (!text.trim()) findings.push(finding('DESCRIPTION_MISSING', descField, { line: label }));
  else if (text.length > 4000)
    findings.push(finding('DESCRIPTION_TOO_LONG', descField, { line: label, length: text.length }));
  if (code && code.length > 30) {
    const name = product?.[SYSTEM_COLUMNS.product.name] ?? '';
    findings.push(
      finding('ITEM_CODE_TOO_LONG', FIELD.product(COLUMNS.product.xeroItemCode), {
        line: label,
        code,
        length: code.length,
        product: name,
      }),
    );
  }
  return findings;
}

export function mapLine(
  ctx: MappingContext,
  line: SnapshotLine,
  position: number,
): { line: MappedLine; findings: Finding[] } {
  const product = lineProduct(ctx, line);
  const label = lineLabel(line, position, product);
  const text = description(line, product);
  const code = itemCode(ctx, line, product);
  const findings = checkText(ctx, label, text, code, product);

  const rawQuantity = line[D.quantity];
  if (rawQuantity === null || rawQuantity === undefined) {
    findings.push(finding('QUANTITY_MISSING', FIELD.line(D.quantity), { line: label }));
  }
  const price = line[D.pricePerUnit];
  if (price === null || price === undefined) {
    findings.push(finding('PRICE_MISSING', FIELD.line(D.pricePerUnit), { line: label }));
  } else if (hasMoreDecimals(price, 4)) {
    findings.push(
      finding('PRICE_ROUNDED', FIELD.line(D.pricePerUnit), { line: label, price, rounded: round4(price) }),
    );
  }
  const discounted = applyLineDiscount(
    ctx,
    label,
    round4(rawQuantity ?? 0),
    round4(price ?? 0),
    line[D.manualDiscountAmount],
  );
  findings.push(...discounted.findings);

  const account = resolveAccountCode(ctx, label, line, product);
  const tax = resolveTaxType(ctx, label, line, product);
  const tracking = mapTracking(ctx, label, line);
  findings.push(...account.findings, ...tax.findings, ...tracking.findings);

  const taxRate = tax.value?.rate ?? 0;
  const computed = computeLine({ ...discounted, taxRate }, ctx.lineAmountType);
  const dynamicsTax = line[D.tax];
  if (dynamicsTax && tax.value && Math.abs(difference(dynamicsTax, computed.tax)) >= 0.01) {
    findings.push(
      finding('LINE_TAX_DIFFERS', FIELD.line(D.tax), {
        line: label,
        dynamics: round2(dynamicsTax),
        xero: computed.tax,
        taxType: tax.value.taxType,
      }),
    );
  }
  const lineItem: XeroLineItem = {
    description: text.trim() ? text : undefined,
    quantity: discounted.quantity,
    unitAmount: discounted.unitAmount,
    itemCode: code,
    accountCode: account.value,
    taxType: tax.value?.taxType,
    tracking: tracking.tracking,
    discountAmount: discounted.discountAmount,
  };
  return {
    line: {
      lineItem,
      computed,
      label,
      product,
      resolvedAccountCode: account.value,
      resolvedTaxType: tax.value?.taxType,
    },
    findings,
  };
}
