// Xero's arithmetic (reference/xero-api.md §3.5): the line amount is Quantity × UnitAmount less the
// discount, rounded to 2 dp; tax is computed per line and rounded to 2 dp; the document totals are
// sums of the rounded lines.
import { round2, sum } from './money';
import type { LineAmountType, Totals } from './types';

export interface LineInput {
  quantity: number;
  unitAmount: number;
  discountRate?: number;
  discountAmount?: number;
  ratePercent: number;
  taxOverride?: number;
}

export interface LineFigures {
  lineAmount: number;
  taxAmount: number;
  discount: number;
}

export function lineFigures(line: LineInput, amountType: LineAmountType): LineFigures {
  const gross = round2(line.quantity * line.unitAmount);
  let lineAmount = gross;
  if (line.discountRate !== undefined)
    lineAmount = round2((line.quantity * line.unitAmount * (100 - line.discountRate)) / 100);
  else if (line.discountAmount !== undefined) lineAmount = round2(gross - line.discountAmount);
  return {
    lineAmount,
    taxAmount: lineTax(lineAmount, line, amountType),
    discount: round2(gross - lineAmount),
  };
}

function lineTax(lineAmount: number, line: LineInput, amountType: LineAmountType): number {
  if (amountType === 'NoTax') return 0;
  if (line.taxOverride !== undefined) return round2(line.taxOverride);
  if (amountType === 'Inclusive') return round2((lineAmount * line.ratePercent) / (100 + line.ratePercent));
  return round2((lineAmount * line.ratePercent) / 100);
}

export function documentTotals(
  lines: { LineAmount: number; TaxAmount: number; discount: number }[],
  amountType: LineAmountType,
): Totals {
  const totalTax = sum(lines.map((l) => l.TaxAmount));
  const lineSum = sum(lines.map((l) => l.LineAmount));
  const subTotal = amountType === 'Inclusive' ? round2(lineSum - totalTax) : lineSum;
  return {
    SubTotal: subTotal,
    TotalTax: totalTax,
    Total: round2(subTotal + totalTax),
    TotalDiscount: sum(lines.map((l) => l.discount)),
  };
}
