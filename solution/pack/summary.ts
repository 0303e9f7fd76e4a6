import type { SolutionModel } from '../model/types';
import { customTables } from './lookup';

/** A readable list of what the package contains, for `npm run build` and `npm start`. */
export function summaryLines(model: SolutionModel, zips: readonly string[] = []): string[] {
  const custom = customTables(model);
  const system = model.tables.filter((t) => t.kind === 'system');
  const columnCount = model.tables.reduce((n, t) => n + t.columns.length + (t.kind === 'custom' ? 1 : 0), 0);
  const list = (items: readonly string[]) => items.join(', ');
  const lines = [
    `${model.displayName} ${model.version} (${model.uniqueName}; publisher ${model.publisher.uniqueName}, prefix ${model.publisher.prefix})`,
    ...zips.map((z) => `  package: ${z}`),
    `  tables (${custom.length}): ${list(custom.map((t) => `${t.logicalName} "${t.displayName}" (${t.columns.length + 1} columns)`))}`,
    `  columns added to system tables: ${list(system.map((t) => `${t.logicalName} ${t.columns.length}`))}`,
    `  columns in total: ${columnCount}`,
    `  choices (${model.choices.length}): ${list(model.choices.map((c) => `${c.name} (${c.options.length})`))}`,
    `  relationships: ${model.relationships.length}; alternate keys: ${model.alternateKeys.length}`,
    `  forms (${model.forms.length}): ${list(model.forms.map((f) => `${f.table} "${f.name}"`))}`,
    `  views (${model.views.length}): ${list(model.views.filter((v) => v.type === 'public').map((v) => `"${v.name}"`))} and their associated, lookup and quick find views`,
    `  ribbon buttons (${model.ribbon.length}): ${list(model.ribbon.map((b) => `"${b.label}" on the ${b.table} ${b.location}`))}`,
    `  web resources (${model.webResources.length}): ${list(model.webResources.map((w) => w.name))}`,
    `  PCF controls (${model.controls.length}): ${list(model.controls.map((c) => c.name))}`,
    `  security roles (${model.roles.length}): ${list(model.roles.map((r) => r.name))}`,
    `  field security profiles (${model.fieldSecurityProfiles.length}): ${list(model.fieldSecurityProfiles.map((p) => `${p.name} (${p.permissions.map((f) => f.column).join(', ')})`))}`,
    `  environment variables (${model.environmentVariables.length}): ${list(model.environmentVariables.map((v) => `${v.schemaName} (${v.type})`))}`,
    `  webhooks (${model.serviceEndpoints.length}): ${list(model.serviceEndpoints.map((s) => `${s.name} -> ${s.url} (${s.authType} auth; set URL and secret after import)`))}`,
    `  steps (${model.steps.length}): ${list(model.steps.map((s) => `${s.message} of ${s.table}, ${s.mode}, ${s.stage} -> ${s.endpoint}`))}`,
    `  dashboards (${model.dashboards.length}): ${list(model.dashboards.map((d) => `"${d.displayName}" (${d.sections.flatMap((s) => s.components).length} components)`))}`,
    `  charts (${model.charts.length}): ${list(model.charts.map((c) => `${c.table} "${c.displayName}"`))}`,
    `  apps (${model.appModules.length}): ${list(model.appModules.map((a) => `${a.uniqueName} "${a.displayName}" (${a.tables.length} tables, SiteMap ${a.siteMapSource})`))}`,
  ];
  return lines;
}

export function printSummary(
  model: SolutionModel,
  zips: readonly string[] = [],
  write: (line: string) => void = console.log,
): void {
  for (const line of summaryLines(model, zips)) write(line);
}
