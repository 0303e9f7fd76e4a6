// Items (reference/xero-api.md §3.9): Code is required (max 30) and unique; the sales and purchase
// details must name known account codes and tax types.
import { randomUUID } from 'node:crypto';
import { accountByCode, itemByCode, taxRateByType, type OrgContext } from './orgContext';
import type { SaveResult, WriteMode } from './invoices';
import type { Item, ItemDetails } from './types';

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

function details(ctx: OrgContext, raw: unknown, label: string, errors: string[]): ItemDetails | undefined {
  if (raw === undefined || raw === null) return undefined;
  const given = raw as Json;
  const accountCode = str(given.AccountCode);
  const taxType = str(given.TaxType);
  if (accountCode && !accountByCode(ctx, accountCode)) {
    errors.push(`${label}: Account code '${accountCode}' is not a valid code.`);
  }
  if (taxType && !taxRateByType(ctx, taxType))
    errors.push(`${label}: The TaxType code '${taxType}' is not valid`);
  return {
    UnitPrice: typeof given.UnitPrice === 'number' ? given.UnitPrice : undefined,
    AccountCode: accountCode,
    TaxType: taxType,
  };
}

export function saveItem(ctx: OrgContext, input: Json, mode: WriteMode, pathId?: string): SaveResult<Item> {
  const id = pathId ?? str(input.ItemID);
  const code = str(input.Code);
  const existing = id
    ? (ctx.store.items.get(ctx.tenantId, id) ?? itemByCode(ctx, id))
    : code && mode === 'createOrUpdate'
      ? itemByCode(ctx, code)
      : undefined;
  if (id && !existing) return { ok: false, errors: [`Item with ID '${id}' could not be found.`] };
  const errors: string[] = [];
  const finalCode = code ?? existing?.Code;
  if (!finalCode) errors.push('Item Code must be specified.');
  else if (finalCode.length > 30) errors.push('Item Code must be 30 characters or fewer.');
  const clash = finalCode ? itemByCode(ctx, finalCode) : undefined;
  if (clash && clash.ItemID !== existing?.ItemID) errors.push(`Item code '${finalCode}' already exists.`);
  const name = str(input.Name) ?? existing?.Name;
  if (name && name.length > 50) errors.push('Item Name must be 50 characters or fewer.');
  const sales = details(ctx, input.SalesDetails, 'SalesDetails', errors) ?? existing?.SalesDetails;
  const purchase =
    details(ctx, input.PurchaseDetails, 'PurchaseDetails', errors) ?? existing?.PurchaseDetails;
  if (input.IsTrackedAsInventory === true && !str(input.InventoryAssetAccountCode)) {
    errors.push('An InventoryAssetAccountCode is required for tracked items.');
  }
  if (errors.length > 0 || !finalCode) return { ok: false, errors };
  const record: Item = {
    ItemID: existing?.ItemID ?? randomUUID(),
    Code: finalCode,
    Name: name,
    Description: input.Description === undefined ? existing?.Description : String(input.Description),
    PurchaseDescription:
      input.PurchaseDescription === undefined
        ? existing?.PurchaseDescription
        : String(input.PurchaseDescription),
    IsSold: typeof input.IsSold === 'boolean' ? input.IsSold : (existing?.IsSold ?? true),
    IsPurchased: typeof input.IsPurchased === 'boolean' ? input.IsPurchased : (existing?.IsPurchased ?? true),
    IsTrackedAsInventory: input.IsTrackedAsInventory === true || (existing?.IsTrackedAsInventory ?? false),
    SalesDetails: sales,
    PurchaseDetails: purchase,
    UpdatedMs: ctx.now,
  };
  ctx.store.items.put(ctx.tenantId, record);
  return { ok: true, record };
}
