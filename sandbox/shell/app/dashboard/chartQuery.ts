/**
 * A chart (savedqueryvisualization) drawn over a view, the way a model-driven app draws it: the
 * chart's aggregate FetchXML with the view's filters and link-entities added, so the chart
 * counts the view's rows (Microsoft Learn, "Understand charts: Underlying data and chart
 * representation"). FetchXML's day and week groupings are the day of the month and the week of
 * the year, so the shell groups by the year (and month) too, to tell two Mondays apart.
 */
import type { DataverseClient, Row } from '../dataverse';

export interface ChartSpec {
  id: string;
  name: string;
  /** The presentation's ChartType: Column, Bar, Line, Pie, StackedColumn, … */
  kind: string;
  palette: string[];
  fetchXml: string;
  measureAlias: string;
  categoryAlias?: string;
  seriesAlias?: string;
  dateGrouping?: string;
}

export interface ChartData {
  categories: string[];
  series: { label: string; values: number[] }[];
  /** The formatted figure of a chart without a category (a tile). */
  figure?: { value: number; text: string };
}

const parser = new DOMParser();
const FORMATTED = '@OData.Community.Display.V1.FormattedValue';

export function parseChart(row: Row): ChartSpec {
  const data = parser.parseFromString(String(row.datadescription ?? '<datadefinition/>'), 'text/xml');
  const presentation = parser.parseFromString(String(row.presentationdescription ?? '<Chart/>'), 'text/xml');
  const fetch = data.querySelector('fetch');
  const categoryAlias = data.querySelector('category')?.getAttribute('alias') ?? undefined;
  const groupbys = Array.from(data.querySelectorAll('entity > attribute[groupby="true"]'));
  const category = groupbys.find((a) => a.getAttribute('alias') === categoryAlias);
  const series = groupbys.find((a) => a.getAttribute('alias') !== categoryAlias);
  const palette = (presentation.documentElement.getAttribute('PaletteCustomColors') ?? '')
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => `rgb(${c})`);
  return {
    id: String(row.savedqueryvisualizationid),
    name: String(row.name ?? ''),
    kind: presentation.querySelector('Series > Series')?.getAttribute('ChartType') ?? 'Column',
    palette: palette.length ? palette : ['#3776c1', '#c53834', '#95bd42', '#7552a0', '#31abcc', '#ff8823'],
    fetchXml: fetch ? new XMLSerializer().serializeToString(fetch) : '',
    measureAlias: data.querySelector('measure')?.getAttribute('alias') ?? '',
    categoryAlias: category ? (categoryAlias ?? undefined) : undefined,
    seriesAlias: series?.getAttribute('alias') ?? undefined,
    dateGrouping: category?.getAttribute('dategrouping') ?? undefined,
  };
}

function grouping(doc: Document, category: Element, part: string): Element {
  const extra = doc.createElement('attribute');
  for (const name of ['name', 'groupby']) extra.setAttribute(name, category.getAttribute(name) ?? '');
  extra.setAttribute('dategrouping', part);
  extra.setAttribute('alias', `${category.getAttribute('alias')}_${part}`);
  return extra;
}

/** Day and week groupings also group (and order) by year, and day by month, oldest first. */
function completeDateGrouping(doc: Document, entity: Element, category: Element, day: boolean): void {
  const parts = day ? ['year', 'month'] : ['year'];
  const extras = parts.map((p) => grouping(doc, category, p));
  for (const extra of extras) entity.insertBefore(extra, category);
  for (const order of Array.from(entity.querySelectorAll(':scope > order'))) order.remove();
  for (const alias of [
    ...extras.map((e) => e.getAttribute('alias') ?? ''),
    category.getAttribute('alias') ?? '',
  ]) {
    const order = doc.createElement('order');
    order.setAttribute('alias', alias);
    entity.appendChild(order);
  }
}

/** The chart's FetchXML over the view's rows. */
export function chartFetchForView(chart: ChartSpec, viewFetchXml: string): string {
  const doc = parser.parseFromString(chart.fetchXml, 'text/xml');
  const entity = doc.querySelector('entity');
  const view = parser.parseFromString(viewFetchXml, 'text/xml').querySelector('entity');
  if (!entity || !view) return chart.fetchXml;
  for (const part of Array.from(view.children).filter(
    (c) => c.tagName === 'filter' || c.tagName === 'link-entity',
  ))
    entity.appendChild(doc.importNode(part, true));
  const category = entity.querySelector(`:scope > attribute[alias="${chart.categoryAlias}"]`);
  if (category && (chart.dateGrouping === 'day' || chart.dateGrouping === 'week'))
    completeDateGrouping(doc, entity, category, chart.dateGrouping === 'day');
  return new XMLSerializer().serializeToString(doc);
}

function categoryLabel(chart: ChartSpec, row: Row): string {
  const a = chart.categoryAlias ?? '';
  if (chart.dateGrouping === 'day') return `${row[`${a}_month`]}/${row[a]}`;
  if (chart.dateGrouping === 'week') return `Week ${row[a]} ${row[`${a}_year`]}`;
  const formatted = row[`${a}${FORMATTED}`];
  if (typeof formatted === 'string') return formatted;
  return row[a] === null || row[a] === undefined ? '(blank)' : String(row[a]);
}

export function shapeChart(chart: ChartSpec, rows: Row[]): ChartData {
  const measure = (r: Row) => Number(r[chart.measureAlias] ?? 0);
  if (!chart.categoryAlias) {
    const value = rows[0] ? measure(rows[0]) : 0;
    const text = rows[0]?.[`${chart.measureAlias}${FORMATTED}`];
    return {
      categories: [],
      series: [],
      figure: { value, text: typeof text === 'string' ? text : String(value) },
    };
  }
  const categories = [...new Set(rows.map((r) => categoryLabel(chart, r)))];
  const seriesLabel = (r: Row) => {
    if (!chart.seriesAlias) return chart.name;
    const f = r[`${chart.seriesAlias}${FORMATTED}`];
    return typeof f === 'string' ? f : String(r[chart.seriesAlias] ?? '(blank)');
  };
  const labels = [...new Set(rows.map(seriesLabel))];
  const series = labels.map((label) => ({ label, values: categories.map(() => 0) }));
  for (const r of rows)
    series[labels.indexOf(seriesLabel(r))].values[categories.indexOf(categoryLabel(chart, r))] += measure(r);
  return { categories, series };
}

export async function runChart(
  client: DataverseClient,
  chart: ChartSpec,
  table: string,
  viewFetchXml: string,
) {
  const meta = await client.entity(table);
  const fetchXml = chartFetchForView(chart, viewFetchXml);
  const { value } = await client.list(`${meta.entitySet}?fetchXml=${encodeURIComponent(fetchXml)}`);
  return shapeChart(chart, value);
}
