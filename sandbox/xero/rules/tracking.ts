// Line tracking: at most two categories, each given by id or by name with an option name.
import { trackingCategories, type OrgContext } from '../domain/orgContext';
import type { LineTracking } from '../domain/types';

const lower = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');

export function resolveTracking(
  ctx: OrgContext,
  raw: unknown,
): { tracking: LineTracking[]; errors: string[] } {
  if (raw === undefined || raw === null) return { tracking: [], errors: [] };
  if (!Array.isArray(raw)) return { tracking: [], errors: ['Tracking must be a list.'] };
  const errors: string[] = [];
  if (raw.length > 2) errors.push('A line item can have no more than two tracking categories.');
  const categories = trackingCategories(ctx);
  const tracking: LineTracking[] = [];
  for (const entry of raw as Record<string, unknown>[]) {
    const category = categories.find(
      (c) =>
        lower(c.TrackingCategoryID) === lower(entry.TrackingCategoryID) ||
        lower(c.Name) === lower(entry.Name),
    );
    if (!category) {
      errors.push(`Tracking category '${String(entry.Name ?? entry.TrackingCategoryID)}' is not valid.`);
      continue;
    }
    const option = category.Options.find(
      (o) =>
        lower(o.TrackingOptionID) === lower(entry.TrackingOptionID) || lower(o.Name) === lower(entry.Option),
    );
    if (!option) {
      errors.push(
        `Tracking option '${String(entry.Option ?? entry.TrackingOptionID)}' is not valid for '${category.Name}'.`,
      );
      continue;
    }
    tracking.push({
      TrackingCategoryID: category.TrackingCategoryID,
      TrackingOptionID: option.TrackingOptionID,
      Name: category.Name,
      Option: option.Name,
    });
  }
  return { tracking, errors };
}
