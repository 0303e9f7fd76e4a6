import type { Chart, ViewCondition } from '../model/dashboardTypes';
import type { SolutionModel } from '../model/types';
import type { ColumnType } from '../model/known';
import { chartFetchXml, dataDescriptionXml } from './customizations/charts';
import { viewId } from './customizations/views';
import { dashboardId } from './customizations/dashboards';
import type { PackageInputs } from './inputs';
import { columnType, isSystemTable, tableOf } from './lookup';
import type { XmlElement } from './xml';

type Report = (component: string, rule: string, detail: string) => void;

/**
 * Dataverse online shows at most six components on a dashboard (Microsoft Learn, "Understand
 * dashboards: Dashboard components and FormXML": "By default, a single dashboard can contain up
 * to six of these components"; only on-premises can raise it).
 */
export const MAX_DASHBOARD_COMPONENTS = 6;

const NUMERIC: readonly ColumnType[] = ['money', 'decimal', 'integer'];
const DATES: readonly ColumnType[] = ['datetime', 'dateonly'];

function checkCondition(
  model: SolutionModel,
  table: string,
  c: ViewCondition,
  component: string,
  report: Report,
) {
  const type = columnType(model, table, c.column);
  if (!type) {
    report(component, 'reference-exists', `column ${table}.${c.column} does not exist`);
    return;
  }
  const n = c.values?.length ?? 0;
  const arity =
    { eq: n === 1, ne: n === 1, 'last-x-days': n === 1, in: n >= 1 }[c.operator as string] ?? n === 0;
  if (!arity) report(component, 'condition-values', `${c.operator} on ${c.column} has ${n} values`);
  if (c.operator === 'last-x-days' && (!DATES.includes(type) || !(Number(c.values?.[0]) > 0)))
    report(component, 'condition-values', `last-x-days needs a date column and a positive number of days`);
  if (c.operator === 'eq-userid' && type !== 'lookup')
    report(component, 'condition-values', `eq-userid needs a user lookup; ${c.column} is ${type}`);
  const ours = tableOf(model, table)?.columns.find((col) => col.logicalName === c.column);
  if (ours?.type === 'choice') {
    const options = model.choices.find((ch) => ch.name === ours.choice)?.options ?? [];
    for (const v of c.values ?? [])
      if (!options.some((o) => o.value === Number(v)))
        report(component, 'condition-values', `${v} is not a value of the choice ${ours.choice}`);
  }
}

function checkViews(model: SolutionModel, report: Report): void {
  for (const v of model.views) {
    const component = `view ${v.table}/${v.name}`;
    for (const c of v.conditions ?? []) checkCondition(model, v.table, c, component, report);
    if (!v.link) continue;
    const linked = v.link.table;
    if (!tableOf(model, linked) && !isSystemTable(linked))
      report(component, 'reference-exists', `link table ${linked} does not exist`);
    if (!columnType(model, linked, v.link.from))
      report(component, 'reference-exists', `column ${linked}.${v.link.from} does not exist`);
    if (!columnType(model, v.table, v.link.to))
      report(component, 'reference-exists', `column ${v.table}.${v.link.to} does not exist`);
    for (const c of v.link.conditions) checkCondition(model, linked, c, component, report);
  }
}

const attributesOf = (fetch: XmlElement): XmlElement[] =>
  (fetch.children[0] as XmlElement).children.filter(
    (c): c is XmlElement => 'name' in c && c.name === 'attribute',
  );

/** The chart's aggregate FetchXML as Dataverse requires it (Microsoft Learn, "Aggregate data using FetchXml"). */
function checkChartFetch(chart: Chart, component: string, report: Report): void {
  const fetch = chartFetchXml(chart);
  const attributes = attributesOf(fetch);
  if (fetch.attrs.aggregate !== 'true')
    report(component, 'chart-fetchxml', 'the fetch must set aggregate="true"');
  const aliases = attributes.map((a) => String(a.attrs.alias ?? ''));
  for (const a of attributes) {
    if (!a.attrs.alias) report(component, 'chart-fetchxml', `attribute ${a.attrs.name} has no alias`);
    if (!a.attrs.groupby && !a.attrs.aggregate)
      report(component, 'chart-fetchxml', `attribute ${a.attrs.name} is neither grouped nor aggregated`);
  }
  if (new Set(aliases).size !== aliases.length)
    report(component, 'chart-fetchxml', 'two attributes share an alias');
  for (const alias of aliasReferences(dataDescriptionXml(chart)))
    if (!aliases.includes(alias))
      report(component, 'chart-fetchxml', `alias ${alias} names no attribute of the fetch`);
}

/** The aliases the orders, the category and the measures refer to. */
function aliasReferences(node: XmlElement): string[] {
  const own =
    ['order', 'category', 'measure'].includes(node.name) && node.attrs.alias
      ? [String(node.attrs.alias)]
      : [];
  return [...own, ...node.children.flatMap((c) => ('name' in c ? aliasReferences(c) : []))];
}

function checkCharts(model: SolutionModel, report: Report): void {
  const seen = new Set<string>();
  for (const chart of model.charts) {
    const component = `chart ${chart.table}/${chart.displayName}`;
    if (seen.has(component)) report(component, 'unique-name', 'the name is used twice');
    seen.add(component);
    const type = (column: string) => columnType(model, chart.table, column);
    const measure = type(chart.measure.column);
    if (!measure)
      report(component, 'reference-exists', `column ${chart.table}.${chart.measure.column} does not exist`);
    else if (chart.measure.aggregate === 'sum' && !NUMERIC.includes(measure))
      report(
        component,
        'chart-aggregate',
        `sum needs a number column; ${chart.measure.column} is ${measure}`,
      );
    for (const g of [chart.category, chart.series]) {
      if (!g) continue;
      const t = type(g.column);
      if (!t) report(component, 'reference-exists', `column ${chart.table}.${g.column} does not exist`);
      // Stricter than we could confirm: a chart cannot be grouped by a multi-line text column.
      else if (t === 'memo') report(component, 'chart-groupby', `${g.column} is multi-line text`);
      else if (g.dateGrouping && !DATES.includes(t))
        report(component, 'chart-groupby', `dategrouping needs a date column; ${g.column} is ${t}`);
    }
    if (chart.series && (!chart.category || chart.kind === 'pie'))
      report(component, 'chart-groupby', 'a series needs a category and a chart that is not a pie');
    if (chart.top !== undefined && (!chart.category || chart.top < 1 || chart.top > 5000))
      report(component, 'chart-groupby', 'top needs a category and a count of 1 to 5000');
    checkChartFetch(chart, component, report);
  }
}

function checkDashboardList(model: SolutionModel, report: Report): void {
  for (const d of model.dashboards) {
    const component = `dashboard ${d.displayName}`;
    const parts = d.sections.flatMap((s) => s.components);
    if (parts.length > MAX_DASHBOARD_COMPONENTS)
      report(
        component,
        'dashboard-components',
        `${parts.length} components; Dataverse shows at most ${MAX_DASHBOARD_COMPONENTS}`,
      );
    const ids = parts.map((p) => p.id);
    if (new Set(ids).size !== ids.length) report(component, 'unique-name', 'two components share an id');
    for (const s of d.sections)
      for (const p of s.components)
        if ((p.span ?? 1) > s.columns)
          report(
            component,
            'dashboard-layout',
            `${p.id} spans more than the ${s.columns} columns of ${s.name}`,
          );
    for (const p of parts) {
      const view = model.views.find((v) => v.table === p.view.table && v.name === p.view.name);
      if (!view)
        report(component, 'reference-exists', `${p.id} uses unknown view ${p.view.table}/${p.view.name}`);
      else if (view.type !== 'public')
        report(component, 'reference-exists', `${p.id} uses ${view.type} view ${view.name}`);
      if (
        p.kind === 'chart' &&
        !model.charts.some((c) => c.table === p.view.table && c.displayName === p.chart)
      )
        report(component, 'reference-exists', `${p.id} uses unknown chart ${p.view.table}/${p.chart}`);
    }
  }
  for (const app of model.appModules)
    for (const name of app.dashboards ?? [])
      if (!model.dashboards.some((d) => d.displayName === name))
        report(`app ${app.uniqueName}`, 'reference-exists', `dashboard ${name} does not exist`);
}

export function checkDashboards(model: SolutionModel, report: Report): void {
  checkViews(model, report);
  checkCharts(model, report);
  checkDashboardList(model, report);
}

/** A SiteMap's DefaultDashboard must be one of the app's dashboards, and a view it opens one of the app's views. */
export function checkDashboardInputs(model: SolutionModel, inputs: PackageInputs, report: Report): void {
  for (const app of model.appModules) {
    const xml = inputs.siteMaps[app.uniqueName] ?? '';
    const ids = model.dashboards
      .filter((d) => app.dashboards?.includes(d.displayName))
      .map((d) => dashboardId(d));
    for (const m of xml.matchAll(/\sDefaultDashboard="\{?([^"}]+)\}?"/g))
      if (!ids.includes(m[1].toLowerCase()))
        report(
          `SiteMap ${app.uniqueName}`,
          'reference-exists',
          `DefaultDashboard ${m[1]} is not a dashboard of the app`,
        );
    const views = model.views.filter((v) => app.tables.includes(v.table)).map((v) => viewId(v));
    for (const m of xml.matchAll(/[?&;]viewid=(?:%7b|\{)?([0-9a-f-]{36})/gi))
      if (!views.includes(m[1].toLowerCase()))
        report(`SiteMap ${app.uniqueName}`, 'reference-exists', `viewid ${m[1]} is not a view of the app`);
  }
}
