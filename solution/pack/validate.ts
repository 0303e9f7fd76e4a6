import type { SolutionModel } from '../model/types';
import { componentId } from './guid';
import { columnsOf } from './lookup';
import { formId } from './customizations/forms';
import { viewId } from './customizations/views';
import { checkInputs, checkReferences } from './validateReferences';
import { checkDashboardInputs, checkDashboards } from './validateDashboards';
import { chartId } from './customizations/charts';
import { dashboardId } from './customizations/dashboards';
import type { PackageInputs } from './inputs';

/**
 * Rules the package must satisfy before anything is written. Each failure names the component
 * and the rule, so a bad edit to the model fails the build with a message a person can act on.
 *
 * Length limits (our choice, inside Dataverse's): table, column and choice logical names at most
 * 50 characters (Dataverse allows 50 for table and 50 for column schema names in the maker);
 * relationship and key names at most 100; text columns 1..4000, multi-line 1..1048576.
 */
export const LIMITS = {
  tableName: 50,
  columnName: 50,
  choiceName: 50,
  relationshipName: 100,
  keyName: 100,
} as const;

export interface ValidationIssue {
  readonly component: string;
  readonly rule: string;
  readonly detail: string;
}

export class ModelValidationError extends Error {
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(
      `The solution model is invalid:\n${issues.map((i) => `  - ${i.component}: ${i.rule}: ${i.detail}`).join('\n')}`,
    );
  }
}

type Report = (component: string, rule: string, detail: string) => void;

function checkLabels(model: SolutionModel, report: Report): void {
  const need = (component: string, text: string | undefined) => {
    if (!text || text.trim() === '')
      report(component, 'display-name-required', 'give it a display name users understand');
  };
  for (const t of model.tables) {
    need(`table ${t.logicalName}`, t.displayName);
    for (const c of columnsOf(t)) {
      need(`column ${t.logicalName}.${c.logicalName}`, c.displayName);
      if (!c.description.trim())
        report(
          `column ${t.logicalName}.${c.logicalName}`,
          'description-required',
          'say what the column is for',
        );
    }
  }
  for (const c of model.choices) {
    need(`choice ${c.name}`, c.displayName);
    for (const o of c.options) need(`choice ${c.name} value ${o.value}`, o.label);
  }
  for (const w of model.webResources) need(`web resource ${w.name}`, w.displayName);
  for (const v of model.environmentVariables) need(`environment variable ${v.schemaName}`, v.displayName);
  for (const a of model.appModules) need(`app ${a.uniqueName}`, a.displayName);
  for (const b of model.ribbon) need(`ribbon button ${b.id}`, b.label);
}

function checkNames(model: SolutionModel, report: Report): void {
  const prefix = `${model.publisher.prefix}_`;
  const prefixed = (component: string, name: string) => {
    if (!name.startsWith(prefix))
      report(component, 'publisher-prefix', `"${name}" must start with "${prefix}"`);
  };
  const length = (component: string, name: string, max: number) => {
    if (name.length > max)
      report(component, 'name-length', `"${name}" is ${name.length} characters; the limit is ${max}`);
  };
  const unique = (kind: string, names: readonly string[]) => {
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n.toLowerCase())) report(`${kind} ${n}`, 'unique-name', 'the name is used twice');
      seen.add(n.toLowerCase());
    }
  };
  for (const t of model.tables) {
    if (t.kind === 'custom') {
      prefixed(`table ${t.logicalName}`, t.logicalName);
      length(`table ${t.logicalName}`, t.logicalName, LIMITS.tableName);
    }
    for (const c of t.columns) {
      prefixed(`column ${t.logicalName}.${c.logicalName}`, c.logicalName);
      length(`column ${t.logicalName}.${c.logicalName}`, c.logicalName, LIMITS.columnName);
      if (
        (c.type === 'string' && (c.maxLength < 1 || c.maxLength > 4000)) ||
        (c.type === 'memo' && (c.maxLength < 1 || c.maxLength > 1048576))
      ) {
        report(
          `column ${t.logicalName}.${c.logicalName}`,
          'max-length',
          `${c.maxLength} is outside Dataverse's limits`,
        );
      }
    }
    unique(
      `column of ${t.logicalName}:`,
      columnsOf(t).map((c) => c.logicalName),
    );
  }
  unique(
    'table',
    model.tables.map((t) => t.logicalName),
  );
  for (const c of model.choices) {
    prefixed(`choice ${c.name}`, c.name);
    length(`choice ${c.name}`, c.name, LIMITS.choiceName);
    for (const o of c.options) {
      if (!String(o.value).startsWith(String(model.publisher.optionValuePrefix))) {
        report(
          `choice ${c.name} value ${o.value}`,
          'option-value-prefix',
          `values start with ${model.publisher.optionValuePrefix}`,
        );
      }
    }
    unique(
      `value of ${c.name}:`,
      c.options.map((o) => String(o.value)),
    );
  }
  unique(
    'choice',
    model.choices.map((c) => c.name),
  );
  for (const r of model.relationships) {
    prefixed(`relationship ${r.name}`, r.name);
    length(`relationship ${r.name}`, r.name, LIMITS.relationshipName);
  }
  unique(
    'relationship',
    model.relationships.map((r) => r.name),
  );
  for (const k of model.alternateKeys) {
    prefixed(`alternate key ${k.name}`, k.name);
    length(`alternate key ${k.name}`, k.name, LIMITS.keyName);
  }
  unique(
    'alternate key',
    model.alternateKeys.map((k) => k.name),
  );
  for (const w of model.webResources) prefixed(`web resource ${w.name}`, w.name);
  unique(
    'web resource',
    model.webResources.map((w) => w.name),
  );
  for (const c of model.controls) prefixed(`control ${c.name}`, c.name);
  for (const v of model.environmentVariables) prefixed(`environment variable ${v.schemaName}`, v.schemaName);
  for (const a of model.appModules) prefixed(`app ${a.uniqueName}`, a.uniqueName);
  for (const s of model.serviceEndpoints) prefixed(`service endpoint ${s.name}`, s.name);
  for (const p of model.fieldSecurityProfiles) prefixed(`field security profile ${p.name}`, p.name);
  unique(
    'role',
    model.roles.map((r) => r.name),
  );
  unique(
    'view',
    model.views.map((v) => `${v.table}/${v.name}`),
  );
  unique(
    'form',
    model.forms.map((f) => `${f.table}/${f.name}`),
  );
}

/** Every GUID the package derives, so a collision (e.g. two components named alike) is caught. */
export function derivedGuids(model: SolutionModel): { component: string; id: string }[] {
  return [
    ...model.forms.map((f) => ({ component: `form ${f.table}/${f.name}`, id: formId(f) })),
    ...model.views.map((v) => ({ component: `view ${v.table}/${v.name}`, id: viewId(v) })),
    ...model.webResources.map((w) => ({
      component: `web resource ${w.name}`,
      id: componentId('webresource', w.name),
    })),
    ...model.roles.map((r) => ({ component: `role ${r.name}`, id: componentId('role', r.name) })),
    ...model.fieldSecurityProfiles.map((p) => ({
      component: `field security profile ${p.name}`,
      id: componentId('fieldsecurityprofile', p.name),
    })),
    ...model.serviceEndpoints.map((s) => ({
      component: `service endpoint ${s.name}`,
      id: componentId('serviceendpoint', s.name),
    })),
    ...model.steps.map((s) => ({ component: `step ${s.name}`, id: componentId('step', s.name) })),
    ...model.charts.map((c) => ({ component: `chart ${c.table}/${c.displayName}`, id: chartId(c) })),
    ...model.dashboards.map((d) => ({ component: `dashboard ${d.displayName}`, id: dashboardId(d) })),
  ];
}

function checkGuids(model: SolutionModel, report: Report): void {
  const seen = new Map<string, string>();
  for (const { component, id } of derivedGuids(model)) {
    const first = seen.get(id);
    if (first) report(component, 'unique-guid', `GUID ${id} is also used by ${first}`);
    else seen.set(id, component);
  }
}

export function validateModel(model: SolutionModel): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const report: Report = (component, rule, detail) => issues.push({ component, rule, detail });
  checkLabels(model, report);
  checkNames(model, report);
  checkGuids(model, report);
  checkReferences(model, report);
  checkDashboards(model, report);
  return issues;
}

export function assertValidModel(model: SolutionModel): void {
  const issues = validateModel(model);
  if (issues.length) throw new ModelValidationError(issues);
}

export function assertValidInputs(model: SolutionModel, inputs: PackageInputs): void {
  const issues: ValidationIssue[] = [];
  const report: Report = (component, rule, detail) => issues.push({ component, rule, detail });
  checkInputs(model, inputs, report);
  checkDashboardInputs(model, inputs, report);
  if (issues.length) throw new ModelValidationError(issues);
}
