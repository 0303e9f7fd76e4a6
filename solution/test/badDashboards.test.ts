import { solutionModel, type Chart, type Dashboard, type SolutionModel, type View } from '../model';
import { COLUMNS, SYSTEM_TABLES, TABLES } from '../names';
import { assertValidInputs, validateModel } from '../pack/validate';
import { standInInputs } from './support/artifacts';

const invoice = SYSTEM_TABLES.invoice.logicalName;
const history = TABLES.syncHistory.logicalName;
const [overview] = solutionModel.dashboards;
const chart = (patch: Partial<Chart>): Chart => ({
  ...solutionModel.charts[0],
  displayName: 'Extra',
  ...patch,
});
const withChart = (c: Chart): SolutionModel => ({ ...solutionModel, charts: [...solutionModel.charts, c] });
const withDashboard = (d: Dashboard): SolutionModel => ({
  ...solutionModel,
  dashboards: [...solutionModel.dashboards, d],
});
const withView = (v: View): SolutionModel => ({ ...solutionModel, views: [...solutionModel.views, v] });
const baseView = solutionModel.views.find((v) => v.table === invoice && v.conditions)!;
const tile = overview.sections[0].components[0];

const cases: { name: string; model: SolutionModel; component: string; rule: string }[] = [
  {
    name: 'a dashboard with seven components',
    model: withDashboard({
      ...overview,
      displayName: 'Too full',
      sections: [
        {
          ...overview.sections[0],
          columns: 7,
          components: [0, 1, 2, 3, 4, 5, 6].map((i) => ({ ...tile, id: `t${i}` })),
        },
      ],
    }),
    component: 'dashboard Too full',
    rule: 'dashboard-components',
  },
  {
    name: 'a dashboard component on a view that does not exist',
    model: withDashboard({
      ...overview,
      displayName: 'Broken view',
      sections: [
        { ...overview.sections[0], components: [{ ...tile, view: { table: invoice, name: 'Nowhere' } }] },
      ],
    }),
    component: 'dashboard Broken view',
    rule: 'reference-exists',
  },
  {
    name: 'a chart component naming a chart of another table',
    model: withDashboard({
      ...overview,
      displayName: 'Wrong chart',
      sections: [
        {
          ...overview.sections[0],
          components: [{ ...tile, kind: 'chart', chart: 'Syncs per day by outcome' }],
        },
      ],
    }),
    component: 'dashboard Wrong chart',
    rule: 'reference-exists',
  },
  {
    name: 'two components with one id',
    model: withDashboard({
      ...overview,
      displayName: 'Twins',
      sections: [{ ...overview.sections[0], components: [tile, tile] }],
    }),
    component: 'dashboard Twins',
    rule: 'unique-name',
  },
  {
    name: 'a sum of a text column',
    model: withChart(chart({ measure: { column: COLUMNS.invoice.xeroNumber, aggregate: 'sum' } })),
    component: `chart ${invoice}/Extra`,
    rule: 'chart-aggregate',
  },
  {
    name: 'a chart grouped by a multi-line text column',
    model: withChart(
      chart({
        table: history,
        measure: { column: 'stl_synchistoryid', aggregate: 'count' },
        category: { column: COLUMNS.syncHistory.message },
      }),
    ),
    component: `chart ${history}/Extra`,
    rule: 'chart-groupby',
  },
  {
    name: 'a date grouping of a column that is not a date',
    model: withChart(chart({ category: { column: COLUMNS.invoice.xeroStatus, dateGrouping: 'day' } })),
    component: `chart ${invoice}/Extra`,
    rule: 'chart-groupby',
  },
  {
    name: 'a chart measuring a column that does not exist',
    model: withChart(chart({ measure: { column: 'stl_nothing', aggregate: 'count' } })),
    component: `chart ${invoice}/Extra`,
    rule: 'reference-exists',
  },
  {
    name: 'a top-N chart without a category',
    model: withChart(chart({ top: 10 })),
    component: `chart ${invoice}/Extra`,
    rule: 'chart-groupby',
  },
  {
    name: 'a view condition with a value the choice does not have',
    model: withView({
      ...baseView,
      name: 'Odd',
      conditions: [{ column: COLUMNS.invoice.syncStatus, operator: 'eq', values: [42] }],
    }),
    component: `view ${invoice}/Odd`,
    rule: 'condition-values',
  },
  {
    name: 'a view condition on a column that does not exist',
    model: withView({ ...baseView, name: 'Odd', conditions: [{ column: 'stl_nothing', operator: 'null' }] }),
    component: `view ${invoice}/Odd`,
    rule: 'reference-exists',
  },
  {
    name: 'a view linked through a column the linked table lacks',
    model: withView({
      ...baseView,
      name: 'Odd',
      link: { table: history, from: 'stl_nothing', to: 'invoiceid', conditions: [] },
    }),
    component: `view ${invoice}/Odd`,
    rule: 'reference-exists',
  },
];

describe('the packer refuses dashboards, charts and views that cannot work', () => {
  it.each(cases)('reports $name as $rule on $component', ({ model, component, rule }) => {
    expect(validateModel(model)).toContainEqual(expect.objectContaining({ component, rule }));
  });

  it('refuses a SiteMap whose default dashboard is not one of the app', () => {
    const inputs = standInInputs();
    const app = solutionModel.appModules[0].uniqueName;
    const siteMaps = {
      ...inputs.siteMaps,
      [app]: inputs.siteMaps[app].replace(
        /DefaultDashboard="[^"]+"/,
        'DefaultDashboard="00000000-0000-0000-0000-000000000001"',
      ),
    };
    expect(() => assertValidInputs(solutionModel, { ...inputs, siteMaps })).toThrow(
      /SiteMap stl_StellariseConnector: reference-exists: DefaultDashboard 00000000-0000-0000-0000-000000000001/,
    );
  });

  it('refuses a SiteMap that opens a view the app does not have', () => {
    const inputs = standInInputs();
    const app = solutionModel.appModules[0].uniqueName;
    expect(inputs.siteMaps[app]).toMatch(/viewid=%7b[0-9a-f-]{36}%7d/);
    const siteMaps = {
      ...inputs.siteMaps,
      [app]: inputs.siteMaps[app].replace(
        /viewid=%7b[0-9a-f-]{36}%7d/,
        'viewid=%7b00000000-0000-0000-0000-000000000002%7d',
      ),
    };
    expect(() => assertValidInputs(solutionModel, { ...inputs, siteMaps })).toThrow(
      /SiteMap stl_StellariseConnector: reference-exists: viewid 00000000-0000-0000-0000-000000000002 is not a view of the app/,
    );
  });
});
