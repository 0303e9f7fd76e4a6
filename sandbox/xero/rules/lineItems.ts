// Line items of invoices and credit notes: Xero's rules for descriptions, item codes, account codes,
// tax types (valid for the account's class and for the document), discounts and tracking.
import { randomUUID } from 'node:crypto';
import { roundTo } from '../domain/money';
import { accountByCode, itemByCode, taxRateByType, type OrgContext } from '../domain/orgContext';
import { lineFigures } from '../domain/totals';
import type { Account, LineAmountType, LineItem, LineTracking, TaxRate } from '../domain/types';
import { resolveTracking } from './tracking';

export type DocumentType = 'ACCREC' | 'ACCPAY' | 'ACCRECCREDIT' | 'ACCPAYCREDIT';

export interface BuiltLines {
  lines: LineItem[];
  discounts: number[];
  errors: string[];
}

type Json = Record<string, unknown>;

const isSales = (type: DocumentType) => type === 'ACCREC' || type === 'ACCRECCREDIT';
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

export function taxAppliesTo(rate: TaxRate, account: Account | undefined, type: DocumentType): boolean {
  // Without an account the document decides: a sales document needs a rate for revenue, a purchase
  // document one that is not for revenue only.
  if (!account)
    return isSales(type) ? rate.CanApplyToRevenue : rate.CanApplyToExpenses || !rate.CanApplyToRevenue;
  switch (account.Class) {
    case 'REVENUE':
      return rate.CanApplyToRevenue;
    case 'EXPENSE':
      return rate.CanApplyToExpenses;
    case 'ASSET':
      return rate.CanApplyToAssets;
    case 'LIABILITY':
      return rate.CanApplyToLiabilities;
    default:
      return rate.CanApplyToEquity;
  }
}

export function buildLines(
  ctx: OrgContext,
  type: DocumentType,
  amountType: LineAmountType,
  input: Json[],
): BuiltLines {
  const result: BuiltLines = { lines: [], discounts: [], errors: [] };
  for (const raw of input) {
    const built = buildLine(ctx, type, amountType, raw);
    result.errors.push(...built.errors);
    if (built.line) {
      result.lines.push(built.line);
      result.discounts.push(built.discount);
    }
  }
  return result;
}

function buildLine(ctx: OrgContext, type: DocumentType, amountType: LineAmountType, raw: Json) {
  const errors: string[] = [];
  const itemCode = str(raw.ItemCode);
  const item = itemCode ? itemByCode(ctx, itemCode) : undefined;
  if (itemCode && !item) errors.push(`Item code '${itemCode}' is not valid`);
  const details = isSales(type) ? item?.SalesDetails : item?.PurchaseDetails;
  const description =
    str(raw.Description) ??
    (isSales(type) ? item?.Description : (item?.PurchaseDescription ?? item?.Description));
  if (!description) errors.push('The Description field is mandatory for each line item.');

  const accountCode = str(raw.AccountCode) ?? details?.AccountCode;
  const account = accountCode ? accountByCode(ctx, accountCode) : undefined;
  if (accountCode && (!account || account.Status !== 'ACTIVE')) {
    errors.push(`Account code '${accountCode}' is not a valid code for this document.`);
  }
  const taxType = str(raw.TaxType) ?? details?.TaxType ?? account?.TaxType;
  const rate = taxType ? taxRateByType(ctx, taxType) : undefined;
  if (taxType && !rate) errors.push(`The TaxType code '${taxType}' is not valid`);
  if (rate && amountType !== 'NoTax' && !taxAppliesTo(rate, account, type)) {
    errors.push(
      account
        ? `The TaxType code '${rate.TaxType}' cannot be used with account code '${account.Code}'.`
        : `The TaxType code '${rate.TaxType}' cannot be used on this type of document.`,
    );
  }

  const discountRate = num(raw.DiscountRate);
  const discountAmount = num(raw.DiscountAmount);
  if ((discountRate !== undefined || discountAmount !== undefined) && type !== 'ACCREC') {
    errors.push('Discounts can only be applied to line items on sales invoices (ACCREC).');
  }
  if (discountRate !== undefined && discountAmount !== undefined) {
    errors.push('A line item can have a DiscountRate or a DiscountAmount, not both.');
  }

  const tracking = resolveTracking(ctx, raw.Tracking);
  errors.push(...tracking.errors);

  const unitAmount = roundTo(num(raw.UnitAmount) ?? details?.UnitPrice ?? 0, ctx.unitdp);
  const quantity = roundTo(num(raw.Quantity) ?? 1, ctx.unitdp);
  const figures = lineFigures(
    {
      quantity,
      unitAmount,
      discountRate,
      discountAmount,
      ratePercent: rate?.EffectiveRate ?? 0,
      taxOverride: num(raw.TaxAmount),
    },
    amountType,
  );
  const sentLineAmount = num(raw.LineAmount);
  if (sentLineAmount !== undefined && Math.abs(sentLineAmount - figures.lineAmount) >= 0.005) {
    errors.push(
      `The line total ${sentLineAmount.toFixed(2)} does not match the expected line total ${figures.lineAmount.toFixed(2)}`,
    );
  }
  const line: LineItem = {
    LineItemID: str(raw.LineItemID) ?? randomUUID(),
    Description: description ?? '',
    Quantity: quantity,
    UnitAmount: unitAmount,
    ItemCode: item?.Code ?? itemCode,
    AccountCode: account?.Code ?? accountCode,
    TaxType: amountType === 'NoTax' && !taxType ? 'NONE' : taxType,
    TaxAmount: figures.taxAmount,
    LineAmount: figures.lineAmount,
    DiscountRate: discountRate,
    DiscountAmount: discountAmount,
    Tracking: tracking.tracking as LineTracking[],
  };
  return { line, errors, discount: figures.discount };
}
