/**
 * Totals computed the way Xero computes them (reference xero-api.md §3.5): line amounts and tax rounded
 * to 2 dp per line, the document totals summed from the rounded figures in integer cents.
 */
import { round2, sumMoney, toCents } from './money';
import type { XeroLineAmountType } from './xeroModels';

export interface Totals {
  subTotal: number;
  totalTax: number;
  total: number;
}

export interface LineFigures {
  quantity: number;
  unitAmount: number;
  discountRate?: number;
  discountAmount?: number;
  /** Percent. */
  taxRate: number;
}

export function xeroLineAmount(line: LineFigures): number {
  const gross = line.quantity * line.unitAmount;
  if (line.discountAmount !== undefined) return round2(gross - line.discountAmount);
  if (line.discountRate !== undefined) return round2(gross * (1 - line.discountRate / 100));
  return round2(gross);
}

export function xeroLineTax(amount: number, taxRate: number, type: XeroLineAmountType): number {
  if (type === 'NoTax' || taxRate === 0) return 0;
  if (type === 'Inclusive') return round2(amount - amount / (1 + taxRate / 100));
  return round2((amount * taxRate) / 100);
}

export interface ComputedLine {
  lineAmount: number;
  tax: number;
}

export function computeLine(line: LineFigures, type: XeroLineAmountType): ComputedLine {
  const lineAmount = xeroLineAmount(line);
  return { lineAmount, tax: xeroLineTax(lineAmount, line.taxRate, type) };
}

export function sumTotals(lines: readonly ComputedLine[], type: XeroLineAmountType): Totals {
  const amounts = sumMoney(lines.map((l) => l.lineAmount));
  const totalTax = sumMoney(lines.map((l) => l.tax));
  if (type === 'Inclusive') {
    return { subTotal: (toCents(amounts) - toCents(totalTax)) / 100, totalTax, total: amounts };
  }
  return { subTotal: amounts, totalTax, total: (toCents(amounts) + toCents(totalTax)) / 100 };
}

export function difference(a: number, b: number): number {
  return (toCents(a) - toCents(b)) / 100;
}
