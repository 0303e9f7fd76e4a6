import fs from 'node:fs';
import { unzipSync } from 'fflate';
import type { EmulatorContext } from './context';
import { errors } from './errors';
import { defineTable, stateColumns } from './model/define';
import { restoreTable } from './model/model';
import { wireDefaultLookups } from './model/systemTables';
import type { TableDef } from './model/types';
import { childOf, childrenOf, parseXml, textOf, type XmlElement } from './model/xml';
import { importApps } from './solution/appComponents';
import { assertDependenciesPresent } from './solution/dependencies';
import {
  ensureMessageFilters,
  importEnvironmentVariables,
  importFormsAndViews,
  importWebhooks,
  importWebResources,
  stableGuid,
  upsertComponent,
} from './solution/importComponents';
import { importDashboards, importVisualizations } from './solution/importDashboards';
import { globalChoices, importRelationships, tableFromEntity } from './solution/importEntities';

/**
 * Imports a solution zip the way an org does for the parts the emulator models
 * (reference/dataverse-solution.md §2): tables, columns, choices, relationships, keys, forms
 * (a managed diff merged into the form it extends), views, SiteMaps, apps and their components,
 * web resources, environment variables, service endpoints and steps. A solution whose
 * MissingDependencies the org lacks is refused before anything changes.
 * Importing a newer version of the same solution upgrades it in place; an older managed one is refused.
 */
export interface ImportedSolution {
  uniqueName: string;
  version: string;
  managed: boolean;
  tables: string[];
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** A new custom table gets the columns Dataverse adds to every table, under the solution's own. */
function withPlatformColumns(table: TableDef): TableDef {
  // Every custom table has Active/Inactive state and status columns, even if the export omits them.
  const base = defineTable(
    table,
    stateColumns({ 0: 'Active', 1: 'Inactive' }, { 1: ['Active', 0], 2: ['Inactive', 1] }),
    {},
  );
  for (const [name, column] of Object.entries(table.columns)) {
    const targets = column.targets?.length ? column.targets : base.columns[name]?.targets;
    base.columns[name] = { ...base.columns[name], ...column, ...(targets ? { targets } : {}) };
  }
  return { ...table, columns: base.columns };
}

export function importSolutionZip(ctx: EmulatorContext, zip: Buffer | Uint8Array | string): ImportedSolution {
  const bytes = typeof zip === 'string' ? fs.readFileSync(zip) : zip;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  } catch {
    throw errors.badRequest('The import file is not a valid solution zip.');
  }
  const find = (name: string) => Object.keys(files).find((k) => k.toLowerCase() === name.toLowerCase());
  const solutionName = find('solution.xml');
  const customizationsName = find('customizations.xml');
  if (!solutionName || !customizationsName) {
    throw errors.badRequest('The solution zip must contain solution.xml and customizations.xml at its root.');
  }
  const manifest = childOf(parseXml(decode(files[solutionName])), 'SolutionManifest');
  const uniqueName = textOf(manifest, 'UniqueName') ?? 'unnamed';
  const version = textOf(manifest, 'Version') ?? '1.0.0.0';
  const managed = textOf(manifest, 'Managed') === '1';
  const solutionId = stableGuid(`solution:${uniqueName}`);
  const installed = ctx.store.get('solution', solutionId)?.record;
  if (installed && managed && compareVersions(version, String(installed.version)) < 0) {
    throw errors.badRequest(
      `The solution ${uniqueName} ${version} is older than the installed version ${String(installed.version)}; import a newer version.`,
    );
  }
  assertDependenciesPresent(ctx, manifest, uniqueName);
  const customizations = parseXml(decode(files[customizationsName]));
  const tables = ctx.store.transaction(() => applyCustomizations(ctx, customizations, files, managed));
  upsertComponent(ctx, 'solution', solutionId, {
    uniquename: uniqueName,
    friendlyname:
      childrenOf(childOf(manifest, 'LocalizedNames'), 'LocalizedName')[0]?.attrs.description ?? uniqueName,
    version,
    ismanaged: managed,
    publisheruniquename: textOf(manifest, 'Publisher', 'UniqueName') ?? null,
    installedon: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
  return { uniqueName, version, managed, tables };
}

function applyCustomizations(
  ctx: EmulatorContext,
  customizations: XmlElement,
  files: Record<string, Uint8Array>,
  managed: boolean,
): string[] {
  const choices = globalChoices(customizations);
  const entities = childrenOf(childOf(customizations, 'Entities'), 'Entity');
  const tables: string[] = [];
  for (const entity of entities) {
    const table = tableFromEntity(entity, choices, ctx.model);
    if (!table) continue;
    ctx.model.add(table.custom ? withPlatformColumns(table) : table);
    tables.push(table.logicalName);
  }
  importRelationships(customizations, ctx.model);
  wireDefaultLookups(ctx.model);
  for (const entity of entities) {
    const name = (textOf(entity, 'Name') ?? '').toLowerCase();
    if (!ctx.model.table(name)) continue;
    importFormsAndViews(ctx, entity, name, managed);
    importVisualizations(ctx, entity, name);
  }
  importDashboards(ctx, customizations);
  importWebResources(ctx, customizations, files);
  importApps(ctx, customizations);
  importWebhooks(ctx, customizations);
  const inline = childrenOf(
    childOf(customizations, 'EnvironmentVariableDefinitions'),
    'EnvironmentVariableDefinition',
  );
  const fromFiles = Object.keys(files)
    .filter((k) => /^environmentvariabledefinitions\/[^/]+\/environmentvariabledefinition\.xml$/i.test(k))
    .map((k) => parseXml(decode(files[k])));
  importEnvironmentVariables(ctx, [...inline, ...fromFiles]);
  ensureMessageFilters(ctx);
  saveModel(ctx);
  return tables;
}

/** The model of a data folder survives restarts: it is saved next to the records. */
export function saveModel(ctx: EmulatorContext): void {
  ctx.store.setMeta('model', JSON.stringify(ctx.model.tables()));
}

export function loadModel(ctx: EmulatorContext): void {
  const saved = ctx.store.getMeta('model');
  if (!saved) return;
  for (const table of JSON.parse(saved) as TableDef[]) restoreTable(ctx.model, table);
}
