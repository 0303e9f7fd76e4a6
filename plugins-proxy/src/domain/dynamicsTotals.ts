/**
 * The totals as Dynamics has them: totalamount and totaltax when the snapshot carries them, else
 * computed the way Dynamics does (line amounts less the invoice discount, plus freight and tax).
 */
import { SYSTEM_COLUMNS } from '../../../solution/names';
import { FIELD, type MappingContext } from './context';
import { finding, type Finding } from './findings';
import { dynamicsNet } from './lines';
import { round2, sumMoney } from './money';
import { difference, type Totals } from './totals';

export function dynamicsTotals(ctx: MappingContext): Totals {
  const inv = ctx.snapshot.invoice;
  const IC = SYSTEM_COLUMNS.invoice;
  const details = inv[IC.details];
  const totalTax = round2(
    inv[IC.totalTax] ?? sumMoney(details.map((d) => d[SYSTEM_COLUMNS.invoiceDetail.tax] ?? 0)),
  );
  const computed = sumMoney([
    ...details.map(dynamicsNet),
    totalTax,
    -(inv[IC.totalDiscountAmount] ?? 0),
    inv[IC.freightAmount] ?? 0,
  ]);
  const total = round2(inv[IC.totalAmount] ?? computed);
  return { subTotal: difference(total, totalTax), totalTax, total };
}

const TAX_FINDINGS = new Set<string>(['TAX_TYPE_MISSING', 'TAX_TYPE_UNKNOWN', 'TAX_TYPE_NOT_FOR_DOCUMENT']);

const NEGATIVE_ADVICE: Record<string, string> = {
  ACCREC: 'Raise a sales credit note instead of a negative sales invoice.',
  ACCPAY: 'Raise a purchase credit note instead of a negative bill.',
  ACCRECCREDIT: 'Raise a sales invoice instead of a negative credit note.',
  ACCPAYCREDIT: 'Raise a bill instead of a negative credit note.',
};

/** TOTAL_DIFFERS at a difference of 0.01 or more, NEGATIVE_TOTAL below zero. */
export function compareTotals(
  ctx: MappingContext,
  xero: Totals,
  dynamics: Totals,
  findingsSoFar: readonly Finding[],
): Finding[] {
  const out: Finding[] = [];
  const field = FIELD.invoice(SYSTEM_COLUMNS.invoice.totalAmount);
  const diff = difference(xero.total, dynamics.total);
  // With a tax type missing, Xero's tax (and so its total) is unknown: the tax finding says enough.
  const taxUnknown = findingsSoFar.some((f) => TAX_FINDINGS.has(f.code));
  if (Math.abs(diff) >= 0.01 && !taxUnknown) {
    out.push(
      finding('TOTAL_DIFFERS', field, {
        invoice: ctx.invoiceLabel,
        xero: xero.total,
        dynamics: dynamics.total,
        difference: diff,
      }),
    );
  }
  if (dynamics.total < 0 || xero.total < 0) {
    out.push(
      finding('NEGATIVE_TOTAL', field, {
        invoice: ctx.invoiceLabel,
        total: Math.min(dynamics.total, xero.total),
        advice: NEGATIVE_ADVICE[ctx.doc.xeroType],
      }),
    );
  }
  return out;
}
