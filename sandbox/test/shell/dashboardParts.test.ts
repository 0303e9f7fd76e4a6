/** @jest-environment jsdom */
import { solutionModel } from '../../../solution/model';
import { COMPONENTS } from '../../../solution/names';
import { CHART_NAMES } from '../../../solution/model/charts';
import { dataDescriptionXml, presentationXml } from '../../../solution/pack/customizations/charts';
import { dashboardsXml } from '../../../solution/pack/customizations/dashboards';
import { serialize } from '../../../solution/pack/xml';
import { chartFetchForView, parseChart, shapeChart } from '../../shell/app/dashboard/chartQuery';
import { parseDashboard } from '../../shell/app/dashboard/dashboardXml';

/** The shell's reading of the solution's dashboards and charts, on the XML the packer writes. */
const chartRow = (name: string) => {
  const chart = solutionModel.charts.find((c) => c.displayName === name)!;
  return parseChart({
    savedqueryvisualizationid: 'c1',
    name,
    datadescription: serialize(dataDescriptionXml(chart)),
    presentationdescription: serialize(presentationXml(chart)),
  });
};
const FORMATTED = '@OData.Community.Display.V1.FormattedValue';

describe('a dashboard FormXml', () => {
  it('gives the overview its five tiles (charts over views) and its list (a grid)', () => {
    const xml = serialize(dashboardsXml(solutionModel));
    const overview = /<Dashboard>[\s\S]*?<\/Dashboard>/.exec(xml)![0];
    expect(overview).toContain(COMPONENTS.overviewDashboard);
    const sections = parseDashboard(/<form>[\s\S]*<\/form>/.exec(overview)![0]);
    expect(sections.map((s) => [s.label, s.columns, s.components.length])).toEqual([
      ['Invoices', 5, 5],
      ['', 1, 1],
    ]);
    expect(sections[0].components.map((c) => c.label)).toEqual([
      'Synced',
      'Failed',
      'Needs review',
      'Out of date',
      'Queued',
    ]);
    expect(sections[0].components.every((c) => c.chartId && c.table === 'invoice' && c.viewId)).toBe(true);
    expect(sections[1].components[0]).toMatchObject({ chartId: undefined, recordsPerPage: 10 });
  });
});

describe('a chart drawn over a view', () => {
  const view =
    '<fetch><entity name="stl_synchistory"><attribute name="stl_name" /><order attribute="createdon" /><filter type="and"><condition attribute="statecode" operator="eq" value="0" /></filter><link-entity name="invoice" from="invoiceid" to="stl_invoiceid" link-type="exists" /></entity></fetch>';

  it('reads the chart type, the measure, the category and the series from the chart XML', () => {
    expect(chartRow(CHART_NAMES.syncsPerDay)).toMatchObject({
      kind: 'StackedColumn',
      measureAlias: 'aggregate_column',
      categoryAlias: 'groupby_column',
      seriesAlias: 'series_column',
      dateGrouping: 'day',
    });
    expect(chartRow(CHART_NAMES.invoiceCount).categoryAlias).toBeUndefined();
  });

  it("adds the view's filters and links, not its columns or orders, and groups days by year and month too", () => {
    const doc = new DOMParser().parseFromString(
      chartFetchForView(chartRow(CHART_NAMES.syncsPerDay), view),
      'text/xml',
    );
    const entity = doc.querySelector('entity')!;
    expect(entity.querySelector('filter > condition')?.getAttribute('attribute')).toBe('statecode');
    expect(entity.querySelector('link-entity')?.getAttribute('link-type')).toBe('exists');
    expect(entity.querySelector('attribute[name="stl_name"]')).toBeNull();
    const groupings = Array.from(entity.querySelectorAll('attribute[groupby="true"]')).map((a) =>
      a.getAttribute('dategrouping'),
    );
    expect(groupings).toEqual(['year', 'month', 'day', null]);
    expect(Array.from(entity.querySelectorAll(':scope > order')).map((o) => o.getAttribute('alias'))).toEqual(
      ['groupby_column_year', 'groupby_column_month', 'groupby_column'],
    );
  });

  it('shapes the rows into days and one series per outcome, and a single figure into a tile', () => {
    const row = (month: number, day: number, status: string, n: number) => ({
      groupby_column_year: 2026,
      groupby_column_month: month,
      groupby_column: day,
      series_column: status === 'Failed' ? 3 : 2,
      [`series_column${FORMATTED}`]: status,
      aggregate_column: n,
    });
    const data = shapeChart(chartRow(CHART_NAMES.syncsPerDay), [
      row(3, 25, 'Succeeded', 4),
      row(3, 25, 'Failed', 1),
      row(3, 26, 'Succeeded', 2),
    ]);
    expect(data.categories).toEqual(['3/25', '3/26']);
    expect(data.series).toEqual([
      { label: 'Succeeded', values: [4, 2] },
      { label: 'Failed', values: [1, 0] },
    ]);
    const tile = shapeChart(chartRow(CHART_NAMES.invoiceCount), [
      { aggregate_column: 1234, [`aggregate_column${FORMATTED}`]: '1,234' },
    ]);
    expect(tile.figure).toEqual({ value: 1234, text: '1,234' });
  });
});
