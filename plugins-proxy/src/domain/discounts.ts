/**
 * Discounts: a line's discount as DiscountAmount on ACCREC, else folded into UnitAmount; the invoice
 * discount and the freight as zero-tax lines, so Xero's total is totalamount (docs/sync-rules.md).
 */
import { SYSTEM_COLUMNS } from '../../../solution/names';
import { FIELD, type MappingContext } from './context';
import { finding, type Finding } from './findings';
import { round2, round4 } from './money';
import { xeroLineAmount } from './totals';

export interface DiscountedLine {
  quantity: number;
  unitAmount: number;
  discountAmount?: number;
  findings: Finding[];
}

export function applyLineDiscount(
  ctx: MappingContext,
  label: string,
  quantity: number,
  unitAmount: number,
  discount: number | null | undefined,
): DiscountedLine {
  if (!discount) return { quantity, unitAmount, findings: [] };
  const field = FIELD.line(SYSTEM_COLUMNS.invoiceDetail.manualDiscountAmount);
  const gross = round2(quantity * unitAmount);
  const amount = round2(discount);
  if (amount > Math.abs(gross)) {
    return {
      quantity,
      unitAmount,
      findings: [finding('DISCOUNT_EXCEEDS_LINE', field, { line: label, discount: amount, amount: gross })],
    };
  }
  if (ctx.doc.xeroType === 'ACCREC') return { quantity, unitAmount, discountAmount: amount, findings: [] };
  const net = round2(gross - amount);
  const folded = quantity === 0 ? NaN : round4(net / quantity);
  const exact =
    Number.isFinite(folded) && xeroLineAmount({ quantity, unitAmount: folded, taxRate: 0 }) === net;
  const detail = exact ? `unit amount ${folded}` : `quantity 1 at ${net}`;
  const warn = finding('DISCOUNT_FOLDED', field, {
    line: label,
    document: ctx.doc.label,
    discount: amount,
    detail,
  });
  return exact
    ? { quantity, unitAmount: folded, findings: [warn] }
    : { quantity: 1, unitAmount: net, findings: [warn] };
}

export interface InvoiceAdjustment {
  kind: 'discount' | 'freight';
  description: string;
  amount: number;
  field: string;
}

/** The invoice-level discount and freight as signed amounts to add as lines (none when zero). */
export function invoiceAdjustments(ctx: MappingContext, lineNetTotal: number): InvoiceAdjustment[] {
  const inv = ctx.snapshot.invoice;
  const IC = SYSTEM_COLUMNS.invoice;
  const out: InvoiceAdjustment[] = [];
  const percent = inv[IC.discountPercentage] ?? 0;
  const fixed = inv[IC.discountAmount] ?? 0;
  const discount = round2(fixed + round2((lineNetTotal * percent) / 100));
  if (discount !== 0) {
    const what = percent ? `${percent}%${fixed ? ` and ${fixed}` : ''}` : `${fixed}`;
    out.push({
      kind: 'discount',
      description: `Invoice discount (${what})`,
      amount: -discount,
      field: FIELD.invoice(percent ? IC.discountPercentage : IC.discountAmount),
    });
  }
  const freight = round2(inv[IC.freightAmount] ?? 0);
  if (freight !== 0) {
    out.push({
      kind: 'freight',
      description: 'Freight',
      amount: freight,
      field: FIELD.invoice(IC.freightAmount),
    });
  }
  return out;
}
