/**
 * The invoice-level discount and the freight as extra zero-tax Xero lines (why: discounts.ts), with the
 * Defaults' GL code, else the first line's (docs/sync-rules.md).
 */
import { SYSTEM_COLUMNS } from '../../../solution/names';
import { resolveAccountCode, resolveTaxType, zeroRateTax } from './codes';
import type { MappingContext } from './context';
import { invoiceAdjustments } from './discounts';
import { finding, type Finding } from './findings';
import { dynamicsNet, type MappedLine } from './lines';
import { sumMoney } from './money';
import { computeLine } from './totals';
import type { XeroLineItem } from './xeroModels';

export function adjustmentLines(
  ctx: MappingContext,
  mapped: MappedLine[],
  findings: Finding[],
): MappedLine[] {
  const details = ctx.snapshot.invoice[SYSTEM_COLUMNS.invoice.details];
  const lineTotal =
    ctx.snapshot.invoice[SYSTEM_COLUMNS.invoice.totalLineItemAmount] ?? sumMoney(details.map(dynamicsNet));
  const out: MappedLine[] = [];
  for (const adj of invoiceAdjustments(ctx, lineTotal)) {
    const label = `${ctx.invoiceLabel} ${adj.kind} line`;
    const account = resolveAccountCode(ctx, label, undefined, undefined);
    const accountCode = account.value ?? mapped.find((m) => m.resolvedAccountCode)?.resolvedAccountCode;
    if (!accountCode) findings.push(...account.findings);
    let tax = ctx.lineAmountType === 'NoTax' ? undefined : zeroRateTax(ctx);
    if (!tax && ctx.lineAmountType !== 'NoTax') {
      const fallback = resolveTaxType(ctx, label, undefined, undefined);
      findings.push(...fallback.findings);
      tax = fallback.value;
      if (tax)
        findings.push(
          finding('NO_ZERO_TAX_RATE', adj.field, {
            invoice: ctx.invoiceLabel,
            what: adj.kind,
            taxType: tax.taxType,
          }),
        );
    }
    const lineItem: XeroLineItem = {
      description: adj.description,
      quantity: 1,
      unitAmount: adj.amount,
      accountCode,
      taxType: tax?.taxType,
    };
    const computed = computeLine(
      { quantity: 1, unitAmount: adj.amount, taxRate: tax?.rate ?? 0 },
      ctx.lineAmountType,
    );
    out.push({ lineItem, computed, label, resolvedAccountCode: accountCode, resolvedTaxType: tax?.taxType });
  }
  return out;
}
