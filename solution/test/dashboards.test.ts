/** @jest-environment jsdom */
import path from 'node:path';
import { solutionModel } from '../model';
import { COMPONENTS } from '../names';
import { dataDescriptionXml, chartFetchXml } from '../pack/customizations/charts';
import { dashboardId } from '../pack/customizations/dashboards';
import { viewFetchXml } from '../pack/customizations/views';
import { packSolution } from '../pack/package';
import { MAX_DASHBOARD_COMPONENTS } from '../pack/validateDashboards';
import { serialize } from '../pack/xml';
import { all, parseXml, textOf } from './support/dom';
import { readZip } from './support/readZip';
import { SHARED, standInInputs } from './support/artifacts';
import { validateWithXsd } from './support/xmllint';

const XSD_DIR = path.join(SHARED, 'dataverse-xsd/libxml2');
const managed = readZip(packSolution(solutionModel, true, standInInputs()));
const fileOf = (name: string) => managed.find((r) => r.name === name)!.data.toString('utf8');
const doc = parseXml(fileOf('customizations.xml'));
const solution = parseXml(fileOf('solution.xml'));
const braced = (id: string) => `{${id}}`;

describe('the dashboards in the managed zip', () => {
  const dashboards = all(doc, 'Dashboard');
  const app = all(doc, 'AppModule')[0];
  const appComponents = (type: string) =>
    all(app, 'AppModuleComponent')
      .filter((c) => c.getAttribute('type') === type)
      .map((c) => c.getAttribute('id'));

  it('ships the three dashboards as dashboard forms, each one a root component (type 60) and in the app', () => {
    expect(dashboards.map((d) => d.querySelector('LocalizedName')?.getAttribute('description'))).toEqual([
      COMPONENTS.overviewDashboard,
      COMPONENTS.trendsDashboard,
      COMPONENTS.myInvoicesDashboard,
    ]);
    const ids = dashboards.map((d) => textOf(d, 'FormId'));
    for (const d of dashboards)
      expect(d.querySelector('FormXml > forms')?.getAttribute('type')).toBe('dashboard');
    // Type 60 is every system form: the Sales forms we extend are root components too.
    const roots = all(solution, 'RootComponent')
      .filter((c) => c.getAttribute('type') === '60')
      .map((c) => c.getAttribute('id'));
    expect(roots).toEqual(expect.arrayContaining(ids));
    expect(appComponents('60')).toEqual(expect.arrayContaining(ids));
  });

  it('draws at least four different charts in the app, each a chart of the table its view is on', () => {
    const charts = new Map(
      all(doc, 'visualization').map((v) => [
        textOf(v, 'savedqueryvisualizationid'),
        v.closest('Entity')?.querySelector('EntityInfo > entity')?.getAttribute('Name')?.toLowerCase(),
      ]),
    );
    const used = dashboards.flatMap((d) => all(d, 'VisualizationId').map((v) => v.textContent ?? ''));
    const distinct = [...new Set(used)];
    expect(distinct.length).toBeGreaterThanOrEqual(4);
    for (const control of dashboards.flatMap((d) => all(d, 'control'))) {
      const chart = textOf(control, 'VisualizationId');
      if (chart) expect(charts.get(chart)).toBe(textOf(control, 'TargetEntityType'));
    }
    expect(appComponents('59').sort()).toEqual(distinct.sort());
  });

  it('opens the app on the overview: the first sub-area of the SiteMap is its default dashboard', () => {
    const first = all(doc, 'SubArea')[0];
    expect(first.getAttribute('Url')).toBe('/workplace/home_dashboards.aspx');
    expect(braced(first.getAttribute('DefaultDashboard') ?? '')).toBe(
      braced(dashboardId({ displayName: COMPONENTS.overviewDashboard })),
    );
  });

  it('keeps every dashboard within the six components Dataverse online shows', () => {
    for (const d of dashboards)
      expect(all(d, 'control').length).toBeLessThanOrEqual(MAX_DASHBOARD_COMPONENTS);
  });
});

describe('chart and view FetchXML against Microsoft XSDs', () => {
  it.each(solutionModel.charts.map((c) => [c.displayName, c] as const))(
    'validates the data description of "%s" and its fetch',
    (_name, chart) => {
      const description = serialize(dataDescriptionXml(chart));
      expect(validateWithXsd(description, path.join(XSD_DIR, 'VisualizationDataDescription.xsd'))).toEqual({
        valid: true,
        errors: '',
      });
      const fetch = serialize(chartFetchXml(chart));
      expect(validateWithXsd(fetch, path.join(XSD_DIR, 'Fetch.xsd'))).toEqual({ valid: true, errors: '' });
    },
  );

  it('fails a data description without its category collection, so the check has teeth', () => {
    const description = serialize(dataDescriptionXml(solutionModel.charts[1])).replace(
      /<categorycollection>[\s\S]*<\/categorycollection>/,
      '',
    );
    expect(validateWithXsd(description, path.join(XSD_DIR, 'VisualizationDataDescription.xsd')).valid).toBe(
      false,
    );
  });

  it('validates the FetchXML of every view a dashboard uses', () => {
    const used = solutionModel.dashboards.flatMap((d) =>
      d.sections.flatMap((s) => s.components.map((c) => c.view)),
    );
    for (const ref of used) {
      const view = solutionModel.views.find((v) => v.table === ref.table && v.name === ref.name)!;
      const table = { logicalName: view.table, primaryId: `${view.table}id`, primaryName: view.columns[0] };
      const fetch = serialize(viewFetchXml(table, view));
      expect([view.name, validateWithXsd(fetch, path.join(XSD_DIR, 'Fetch.xsd'))]).toEqual([
        view.name,
        { valid: true, errors: '' },
      ]);
    }
  });
});
