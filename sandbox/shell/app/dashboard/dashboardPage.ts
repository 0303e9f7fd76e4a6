/**
 * The Dashboards page: the app's dashboards (its AppModuleComponents of type 60) in a picker, and
 * the chosen one's sections. A chart component draws its chart over its view; a chart with no
 * category is one figure, drawn as a tile that opens the view. A grid component lists the view's
 * first rows. "Refresh all" reruns every component, as in Dynamics.
 */
import { createCommandBar } from '../commandBar';
import type { DataverseClient } from '../dataverse';
import { h } from '../dom';
import { createGrid } from '../grid';
import type { ShellServices } from '../services';
import { viewById, type ViewDefinition } from '../views';
import { parseChart, runChart } from './chartQuery';
import { chartSvg } from './chartSvg';
import { parseDashboard, type DashboardComponent } from './dashboardXml';

interface DashboardRow {
  id: string;
  name: string;
  formXml: string;
}

async function appDashboards(client: DataverseClient): Promise<DashboardRow[]> {
  const [apps, forms] = await Promise.all([
    client.list('appmodules?$select=descriptor'),
    client.list('systemforms?$select=formid,name,formxml&$filter=type eq 0'),
  ]);
  const descriptor = new DOMParser().parseFromString(
    String(apps.value[0]?.descriptor ?? '<AppModule/>'),
    'text/xml',
  );
  const inApp = Array.from(descriptor.querySelectorAll('AppModuleComponent[type="60"]')).map((c) =>
    (c.getAttribute('id') ?? '').replace(/[{}]/g, '').toLowerCase(),
  );
  const rows = forms.value.map((f) => ({
    id: String(f.formid),
    name: String(f.name),
    formXml: String(f.formxml ?? ''),
  }));
  return inApp.length ? inApp.flatMap((id) => rows.filter((r) => r.id === id)) : rows;
}

const listHref = (c: DashboardComponent) => `#/list/${c.table}/${c.viewId}`;

/** The view's FetchXML limited to its first rows (FetchXML paging's count). */
const firstRows = (view: ViewDefinition, count: number) =>
  view.fetchXml.replace(/^<fetch\b/, `<fetch count="${count}"`);

async function renderComponent(
  services: ShellServices,
  c: DashboardComponent,
  holder: HTMLElement,
): Promise<void> {
  const { client } = services;
  const view = await viewById(client, c.viewId);
  if (!c.chartId) {
    const grid = createGrid({
      client,
      view,
      fetchXml: firstRows(view, c.recordsPerPage),
      selectable: false,
      label: c.label,
      onOpen: (entity, id) => services.navigator.openForm(entity, id),
    });
    holder.replaceChildren(
      h('header', {}, h('h2', {}, c.label), h('a', { href: listHref(c) }, view.name)),
      grid.element,
    );
    await grid.refresh();
    return;
  }
  const chart = parseChart(await client.get(`savedqueryvisualizations(${c.chartId})`));
  const data = await runChart(client, chart, c.table, view.fetchXml);
  if (data.figure) {
    holder.classList.add('tile-holder');
    holder.replaceChildren(
      h(
        'a',
        { className: 'tile', href: listHref(c), 'data-tile': c.label, title: `${view.name}: open the view` },
        h('span', { className: 'tile-count' }, data.figure.text),
        h('span', { className: 'tile-label' }, c.label),
      ),
    );
    return;
  }
  holder.replaceChildren(
    h('header', {}, h('h2', {}, c.label), h('a', { href: listHref(c) }, view.name)),
    chartSvg(chart.kind, data, chart.palette, c.label),
  );
}

export async function renderDashboardPage(
  main: HTMLElement,
  services: ShellServices,
  dashboardId?: string,
): Promise<() => void> {
  const dashboards = await appDashboards(services.client);
  const chosen = dashboards.find((d) => d.id === dashboardId?.toLowerCase()) ?? dashboards[0];
  if (!chosen) {
    main.append(h('div', { className: 'notification' }, 'The app has no dashboards.'));
    return () => undefined;
  }
  const sections = parseDashboard(chosen.formXml);
  const holders = new Map<DashboardComponent, HTMLElement>();
  const renderAll = () =>
    Promise.all(
      [...holders].map(([c, holder]) =>
        renderComponent(services, c, holder).catch((error: Error) => {
          holder.replaceChildren(
            h('div', { className: 'notification error' }, `${c.label}: ${error.message}`),
          );
        }),
      ),
    );
  const picker = h(
    'select',
    { 'aria-label': 'Dashboard', className: 'view-picker' },
    ...dashboards.map((d) => h('option', { value: d.id, selected: d === chosen }, d.name)),
  );
  picker.addEventListener('change', () => (window.location.hash = `#/dashboard/${picker.value}`));
  const commandBar = createCommandBar({
    dataverseUrl: services.client.config.dataverseUrl,
    builtIns: [{ label: 'Refresh all', run: () => void renderAll() }],
    buttons: [],
    crm: () => undefined,
    selectedCount: () => 0,
    onError: () => undefined,
  });
  await commandBar.update();
  main.append(commandBar.element, h('header', { className: 'list-header' }, h('h1', {}, picker)));
  for (const section of sections) {
    const grid = h('div', {
      className: 'dashboard-grid',
      style: `grid-template-columns: repeat(${section.columns}, 1fr)`,
    });
    for (const c of section.components) {
      const holder = h('div', {
        className: 'dashboard-component',
        'data-component': c.id,
        style: `grid-column: span ${c.colspan}`,
      });
      holders.set(c, holder);
      grid.append(holder);
    }
    main.append(
      h(
        'section',
        { className: 'dashboard-section', 'aria-label': section.label || section.name },
        section.label ? h('h2', {}, section.label) : null,
        grid,
      ),
    );
  }
  await renderAll();
  return () => undefined;
}
