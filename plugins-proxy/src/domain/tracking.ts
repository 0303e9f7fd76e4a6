/**
 * Tracking: up to two options per line with their Xero ids and names; an unsynced option, an inactive
 * category or two options of one category is an error (docs/sync-rules.md).
 */
import { COLUMNS, SYSTEM_COLUMNS } from '../../../solution/names';
import { byId, FIELD, ofConnection, type MappingContext } from './context';
import { finding, type Finding } from './findings';
import { lookupKey } from './lookupKey';
import { type SnapshotLine } from './snapshot';
import type { XeroTracking } from './xeroModels';

const SLOTS = [COLUMNS.invoiceDetail.trackingOption1Id, COLUMNS.invoiceDetail.trackingOption2Id] as const;
const SLOT_KEYS = SLOTS.map((slot) => lookupKey(slot));
const CATEGORY_KEY = lookupKey(COLUMNS.trackingOption.trackingCategoryId);

export function mapTracking(
  ctx: MappingContext,
  label: string,
  line: SnapshotLine,
): { tracking?: XeroTracking[]; findings: Finding[] } {
  // Most lines carry no tracking: nothing to allocate for them.
  if (!line[SLOT_KEYS[0]] && !line[SLOT_KEYS[1]]) return { findings: [] };
  const findings: Finding[] = [];
  const tracking: XeroTracking[] = [];
  const seen = new Map<string, string>();
  const TO = COLUMNS.trackingOption;
  const TC = COLUMNS.trackingCategory;
  for (const [index, slot] of SLOTS.entries()) {
    const optionId = line[SLOT_KEYS[index]];
    if (!optionId) continue;
    const field = FIELD.line(slot);
    const params = { line: label, connection: ctx.connectionName, source: optionId };
    const option = byId(ctx.trackingOptions, optionId);
    const category = byId(ctx.trackingCategories, option?.[CATEGORY_KEY]);
    if (!option || !category || !ofConnection(ctx, option) || !ofConnection(ctx, category)) {
      findings.push(finding('TRACKING_OPTION_UNKNOWN', field, params));
      continue;
    }
    const optionName = option[TO.name] ?? '';
    const categoryName = category[TC.name] ?? '';
    if (category[SYSTEM_COLUMNS.stateCode] === 1 || option[SYSTEM_COLUMNS.stateCode] === 1) {
      findings.push(
        finding('TRACKING_CATEGORY_INACTIVE', field, {
          ...params,
          option: optionName,
          category: categoryName,
        }),
      );
      continue;
    }
    const categoryId = category[TC.xeroTrackingCategoryId] ?? '';
    if (seen.has(categoryId)) {
      findings.push(finding('TRACKING_SAME_CATEGORY', field, { ...params, category: categoryName }));
      continue;
    }
    seen.set(categoryId, optionName);
    tracking.push({
      trackingCategoryID: categoryId || undefined,
      trackingOptionID: option[TO.xeroTrackingOptionId] ?? undefined,
      name: categoryName,
      option: optionName,
    });
  }
  return { tracking: tracking.length ? tracking : undefined, findings };
}
