import { solutionModel } from '../../../solution/model';
import { COMPONENTS } from '../../../solution/names';
import { packSolution } from '../../../solution/pack/package';
import { standInInputs } from '../../../solution/test/support/artifacts';
import type { DataverseEmulator } from '../../dataverse';
import { type client, startEmulator } from './helpers';

/**
 * The solution's dashboards and charts once imported, stored as Dataverse stores them (Microsoft
 * Learn, "Understand dashboards": a dashboard is a systemform of type 0; "Understand charts": a
 * chart is a savedqueryvisualization with a data and a presentation description), and every
 * query they run answered by the emulator's FetchXML.
 */
let emulator: DataverseEmulator;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  ({ emulator, api } = await startEmulator());
  await emulator.importSolution(packSolution(solutionModel, true, standInInputs()));
});
afterAll(() => emulator.stop());

const list = async (path: string) => {
  const reply = await api('GET', path);
  if (reply.status !== 200) throw new Error(`${path}: ${reply.text}`);
  return reply.json().value!;
};

it('stores each dashboard as a systemform of type 0 for no table, with its FormXml', async () => {
  const forms = await list(`systemforms?$select=name,objecttypecode,formxml&$filter=type eq 0`);
  expect(forms.map((f) => f.name).sort()).toEqual(
    [COMPONENTS.myInvoicesDashboard, COMPONENTS.overviewDashboard, COMPONENTS.trendsDashboard].sort(),
  );
  for (const form of forms) {
    expect(form.objecttypecode).toBe('none');
    expect(String(form.formxml)).toMatch(
      /^<form>[\s\S]*<VisualizationId>\{[0-9a-f-]{36}\}<\/VisualizationId>/,
    );
  }
});

it('stores each chart as a savedqueryvisualization of its table that the emulator can run', async () => {
  const charts = await list('savedqueryvisualizations?$select=name,primaryentitytypecode,datadescription');
  expect(charts).toHaveLength(solutionModel.charts.length);
  for (const chart of charts) {
    const fetchXml = /<fetch[\s>][\s\S]*<\/fetch>/.exec(String(chart.datadescription))?.[0] ?? '';
    const table = solutionModel.tables.find((t) => t.logicalName === chart.primaryentitytypecode)!;
    const set = table.kind === 'custom' ? table.entitySet : `${table.logicalName}s`;
    expect([
      chart.name,
      (await api('GET', `${set}?fetchXml=${encodeURIComponent(fetchXml)}`)).status,
    ]).toEqual([chart.name, 200]);
  }
});

it('runs the FetchXML of every view a dashboard draws (exists links, eq-userid, last-x-days)', async () => {
  const names = solutionModel.dashboards.flatMap((d) =>
    d.sections.flatMap((s) => s.components.map((c) => c.view.name)),
  );
  const views = await list('savedqueries?$select=name,returnedtypecode,fetchxml&$filter=querytype eq 0');
  for (const name of new Set(names)) {
    const view = views.find((v) => v.name === name)!;
    const table = solutionModel.tables.find((t) => t.logicalName === view.returnedtypecode)!;
    const set = table.kind === 'custom' ? table.entitySet : `${table.logicalName}s`;
    const reply = await api('GET', `${set}?fetchXml=${encodeURIComponent(String(view.fetchxml))}`);
    expect([name, reply.status]).toEqual([name, 200]);
  }
});
