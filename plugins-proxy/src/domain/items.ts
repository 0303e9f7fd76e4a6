/**
 * Items by stl_itempolicy: create missing (one Item body per unknown code), existing only (a missing item
 * is an error) or don't use items (no ItemCode, lines.ts). Rules: docs/sync-rules.md, docs/domain-rules.md.
 */
import { CHOICES, COLUMNS, SYSTEM_COLUMNS } from '../../../solution/names';
import { FIELD, type MappingContext } from './context';
import { finding, type Finding } from './findings';
import type { MappedLine } from './lines';
import type { XeroItemModel } from './xeroModels';

export function planItems(
  ctx: MappingContext,
  lines: readonly MappedLine[],
): { items: XeroItemModel[]; findings: Finding[] } {
  const policy =
    ctx.snapshot.connection[COLUMNS.connection.itemPolicy] ?? CHOICES.itemPolicy.values.createMissing;
  const existing = new Set(ctx.snapshot.xero.items.map((i) => i.Code.trim().toLowerCase()));
  const planned = new Set<string>();
  const items: XeroItemModel[] = [];
  const findings: Finding[] = [];
  for (const line of lines) {
    const code = line.lineItem.itemCode;
    if (!code || code.length > 30) continue;
    const key = code.toLowerCase();
    if (existing.has(key) || planned.has(key)) continue;
    planned.add(key);
    if (policy === CHOICES.itemPolicy.values.existingOnly) {
      findings.push(
        finding('ITEM_MISSING', FIELD.connection(COLUMNS.connection.itemPolicy), {
          line: line.label,
          code,
          organisation: ctx.organisationName,
        }),
      );
      continue;
    }
    const product = line.product;
    const fullName = product?.[SYSTEM_COLUMNS.product.name] ?? line.lineItem.description ?? code;
    const name = fullName.slice(0, 50);
    if (fullName.length > 50) {
      findings.push(
        finding('ITEM_NAME_TRUNCATED', FIELD.product(SYSTEM_COLUMNS.product.name), {
          line: line.label,
          name,
        }),
      );
    }
    const description = (product?.[SYSTEM_COLUMNS.product.description] || fullName).slice(0, 4000);
    const details = {
      unitPrice: product?.[SYSTEM_COLUMNS.product.price] ?? undefined,
      accountCode: line.resolvedAccountCode,
      taxType: line.resolvedTaxType,
    };
    const sales = ctx.doc.side === 'sales';
    items.push({
      code,
      name,
      description: sales ? description : undefined,
      purchaseDescription: sales ? undefined : description,
      purchaseDetails: sales ? undefined : details,
      salesDetails: sales ? details : undefined,
    });
  }
  return { items, findings };
}
