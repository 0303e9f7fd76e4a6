import type { SolutionModel } from '../model/types';
import type { PackageInputs } from './inputs';
import { SYSTEM_RELATIONSHIPS } from '../model/known';
import { columnsOf, columnType, isSystemTable, tableOf } from './lookup';

type Report = (component: string, rule: string, detail: string) => void;

/** Every reference points at something in the package or at a known system component. */
export function checkReferences(model: SolutionModel, report: Report): void {
  const tableKnown = (name: string) => tableOf(model, name) !== undefined || isSystemTable(name);
  const columnKnown = (table: string, column: string) => columnType(model, table, column) !== undefined;
  const webResource = (name: string) => model.webResources.some((w) => w.name === name);

  for (const t of model.tables) {
    for (const c of t.columns) {
      const component = `column ${t.logicalName}.${c.logicalName}`;
      if (c.type === 'lookup') {
        if (!tableKnown(c.target))
          report(component, 'lookup-target-known', `points at unknown table "${c.target}"`);
        const rel = model.relationships.find(
          (r) => r.referencingTable === t.logicalName && r.lookupColumn === c.logicalName,
        );
        if (!rel) report(component, 'lookup-has-relationship', 'no relationship is defined for this lookup');
        else if (rel.referencedTable !== c.target)
          report(
            component,
            'lookup-has-relationship',
            `relationship ${rel.name} points at ${rel.referencedTable}`,
          );
      }
      if (c.type === 'choice' && !model.choices.some((ch) => ch.name === c.choice)) {
        report(component, 'choice-known', `uses unknown choice "${c.choice}"`);
      }
    }
  }
  for (const r of model.relationships) {
    const lookupColumn = tableOf(model, r.referencingTable)?.columns.find(
      (c) => c.logicalName === r.lookupColumn,
    );
    if (lookupColumn?.type !== 'lookup')
      report(
        `relationship ${r.name}`,
        'relationship-lookup',
        `${r.referencingTable}.${r.lookupColumn} is not a lookup in the model`,
      );
  }
  for (const k of model.alternateKeys) {
    for (const c of k.columns)
      if (!columnKnown(k.table, c))
        report(`alternate key ${k.name}`, 'reference-exists', `column ${k.table}.${c} does not exist`);
  }
  for (const f of model.forms) {
    const component = `form ${f.table}/${f.name}`;
    if (!tableKnown(f.table)) report(component, 'reference-exists', `table ${f.table} does not exist`);
    for (const cell of f.tabs.flatMap((t) => t.sections.flatMap((s) => s.cells))) {
      if (cell.kind === 'subgrid') {
        const rel =
          model.relationships.find((r) => r.name === cell.relationship) ??
          SYSTEM_RELATIONSHIPS[cell.relationship];
        if (!rel || rel.referencingTable !== cell.table || rel.referencedTable !== f.table) {
          report(
            component,
            'subgrid-relationship',
            `sub-grid ${cell.id} needs a relationship from ${f.table} to ${cell.table}; "${cell.relationship}" is not one`,
          );
        }
        if (!model.views.some((v) => v.table === cell.table && v.name === cell.view)) {
          report(component, 'reference-exists', `sub-grid ${cell.id} uses unknown view "${cell.view}"`);
        }
        continue;
      }
      if (!columnKnown(f.table, cell.column))
        report(component, 'reference-exists', `column ${f.table}.${cell.column} does not exist`);
      if (cell.kind === 'pcf') {
        if (!model.controls.some((c) => c.name === cell.control))
          report(component, 'reference-exists', `control ${cell.control} is not in the package`);
        for (const column of Object.values(cell.bindings)) {
          if (!columnKnown(f.table, column))
            report(
              component,
              'reference-exists',
              `control binding column ${f.table}.${column} does not exist`,
            );
        }
      }
    }
  }
  for (const v of model.views) {
    const component = `view ${v.table}/${v.name}`;
    for (const c of [...v.columns, v.sortBy, ...(v.findColumns ?? [])]) {
      if (!columnKnown(v.table, c))
        report(component, 'reference-exists', `column ${v.table}.${c} does not exist`);
    }
  }
  for (const b of model.ribbon) {
    const component = `ribbon button ${b.id}`;
    if (!tableKnown(b.table)) report(component, 'reference-exists', `table ${b.table} does not exist`);
    if (!webResource(b.library))
      report(component, 'reference-exists', `library ${b.library} is not a web resource of the package`);
    if (!webResource(b.icon))
      report(component, 'reference-exists', `icon ${b.icon} is not a web resource of the package`);
    for (const rule of b.enableRules) {
      if (rule.kind === 'custom' && !webResource(rule.library))
        report(
          component,
          'reference-exists',
          `enable rule ${rule.name} calls library ${rule.library}, which is not a web resource of the package`,
        );
    }
  }
  for (const a of model.appModuleExtensions) {
    for (const t of a.tables)
      if (!tableKnown(t)) report(`app ${a.uniqueName}`, 'reference-exists', `table ${t} does not exist`);
  }
  for (const f of model.forms.filter((form) => form.systemForm)) {
    const component = `form ${f.table}/${f.name}`;
    if (!isSystemTable(f.table))
      report(
        component,
        'system-form-table',
        `${f.table} is not a Dynamics table; only a system form has its own id`,
      );
    if (!/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(f.systemForm?.formId ?? ''))
      report(component, 'system-form-id', `"${f.systemForm?.formId}" is not a lower-case GUID`);
    if (!f.tabs.some((t) => !t.system))
      report(component, 'system-form-adds', 'a system form of the package must add a tab of ours');
  }
  for (const a of model.appModules) {
    for (const t of a.tables)
      if (!tableKnown(t)) report(`app ${a.uniqueName}`, 'reference-exists', `table ${t} does not exist`);
    for (const r of a.roles)
      if (!model.roles.some((role) => role.name === r))
        report(`app ${a.uniqueName}`, 'reference-exists', `role ${r} does not exist`);
  }
  for (const role of model.roles) {
    for (const g of role.grants)
      if (!tableKnown(g.table))
        report(`role ${role.name}`, 'reference-exists', `table ${g.table} does not exist`);
  }
  const secured = model.tables.flatMap((t) =>
    columnsOf(t)
      .filter((c) => c.secured)
      .map((c) => `${t.logicalName}.${c.logicalName}`),
  );
  const covered = model.fieldSecurityProfiles.flatMap((p) =>
    p.permissions.map((f) => `${f.table}.${f.column}`),
  );
  for (const p of model.fieldSecurityProfiles) {
    for (const f of p.permissions) {
      if (!secured.includes(`${f.table}.${f.column}`))
        report(
          `field security profile ${p.name}`,
          'secured-column',
          `${f.table}.${f.column} is not a secured column`,
        );
    }
  }
  for (const s of secured)
    if (!covered.includes(s))
      report(`column ${s}`, 'secured-column', 'no field security profile grants access to it');
  for (const s of model.steps) {
    if (!tableKnown(s.table)) report(`step ${s.name}`, 'reference-exists', `table ${s.table} does not exist`);
    if (!model.serviceEndpoints.some((e) => e.name === s.endpoint))
      report(`step ${s.name}`, 'reference-exists', `service endpoint ${s.endpoint} does not exist`);
  }
}

const attributeValues = (xml: string, attribute: string): string[] =>
  [...xml.matchAll(new RegExp(`\\s${attribute}="([^"]*)"`, 'g'))].map((m) => m[1]);

/** Checks that need the files: PCF bindings against the built manifest, SiteMap entries. */
export function checkInputs(model: SolutionModel, inputs: PackageInputs, report: Report): void {
  for (const f of model.forms) {
    for (const cell of f.tabs.flatMap((t) => t.sections.flatMap((s) => s.cells))) {
      if (cell.kind !== 'pcf') continue;
      const manifest = inputs.controls[cell.control]?.find((file) => file.path === 'ControlManifest.xml');
      const properties = manifest
        ? attributeValues(manifest.data.toString('utf8').replace(/<resources>[\s\S]*$/, ''), 'name')
        : [];
      for (const property of Object.keys(cell.bindings)) {
        if (!properties.includes(property)) {
          report(
            `form ${f.table}/${f.name}`,
            'pcf-binding-property',
            `control ${cell.control} has no property "${property}" in its manifest`,
          );
        }
      }
    }
  }
  for (const app of model.appModules) {
    const xml = inputs.siteMaps[app.uniqueName] ?? '';
    for (const entity of attributeValues(xml, 'Entity')) {
      if (!app.tables.includes(entity))
        report(`SiteMap ${app.uniqueName}`, 'reference-exists', `sub-area table ${entity} is not in the app`);
    }
    for (const ref of xml.matchAll(/\$webresource:([^"]+)"/g)) {
      if (!model.webResources.some((w) => w.name === ref[1]))
        report(
          `SiteMap ${app.uniqueName}`,
          'reference-exists',
          `web resource ${ref[1]} is not in the package`,
        );
    }
  }
}
