import type { Dashboard, DashboardComponent, DashboardSection } from '../../model/dashboardTypes';
import type { SolutionModel } from '../../model/types';
import { braced, componentId } from '../guid';
import { descriptions, INTRODUCED_VERSION, labels, localizedNames } from '../labels';
import { el, leaf, type XmlElement } from '../xml';
import { chartId } from './charts';
import { SUBGRID_CLASS } from './forms';
import { viewId } from './views';

/**
 * Dashboards (systemform type 0) in the top-level `<Dashboards>` section, laid out as exported
 * dashboards are (Microsoft Learn "Sample dashboards", the CoE Starter Kit's Dashboards/*.xml):
 * sections with `columns`, a first row of cells each spanning `rowspan` rows and the empty
 * `<row />` elements those spans cover, every component a sub-grid control in Grid or Chart mode.
 */
export const dashboardId = (dashboard: Pick<Dashboard, 'displayName'>): string =>
  componentId('dashboard', dashboard.displayName);

const partId = (d: Dashboard, part: string): string =>
  braced(componentId('formpart', `dashboard/${d.displayName}/${part}`));

function componentXml(d: Dashboard, c: DashboardComponent, rowSpan: number, span: number): XmlElement {
  const chart = c.kind === 'chart';
  const parameters = [
    leaf('TargetEntityType', c.view.table),
    leaf('ChartGridMode', chart ? 'Chart' : 'Grid'),
    leaf('EnableQuickFind', 'false'),
    leaf('EnableViewPicker', 'false'),
    leaf('EnableJumpBar', 'false'),
    leaf('RecordsPerPage', c.kind === 'list' ? c.rows : rowSpan),
    leaf('ViewId', braced(viewId(c.view))),
    leaf('IsUserView', 'false'),
    leaf('ViewIds', braced(viewId(c.view))),
    leaf('AutoExpand', 'Fixed'),
    chart ? leaf('VisualizationId', braced(chartId({ table: c.view.table, displayName: c.chart }))) : null,
    leaf('IsUserChart', 'false'),
    leaf('EnableChartPicker', 'false'),
    el('RelationshipName'),
  ];
  return el(
    'cell',
    { id: partId(d, `cell/${c.id}`), showlabel: 'true', colspan: span, rowspan: rowSpan, auto: 'false' },
    [
      labels(c.label),
      el(
        'control',
        {
          id: c.id,
          classid: SUBGRID_CLASS,
          uniqueid: partId(d, `control/${c.id}`),
          indicationOfSubgrid: 'true',
        },
        [el('parameters', {}, parameters)],
      ),
    ],
  );
}

/** Components left to right; a row is full when its spans reach the section's columns. */
function rowsXml(d: Dashboard, section: DashboardSection): XmlElement[] {
  const rows: XmlElement[] = [];
  let cells: XmlElement[] = [];
  let used = 0;
  const flush = () => {
    if (cells.length === 0) return;
    rows.push(el('row', {}, cells));
    for (let i = 1; i < section.rowSpan; i++) rows.push(el('row'));
    cells = [];
    used = 0;
  };
  for (const c of section.components) {
    const span = c.span ?? 1;
    if (used + span > section.columns) flush();
    cells.push(componentXml(d, c, section.rowSpan, span));
    used += span;
  }
  flush();
  return rows;
}

function formXml(d: Dashboard): XmlElement {
  const sections = d.sections.map((s) =>
    el(
      'section',
      {
        name: s.name,
        showlabel: s.showLabel === false ? 'false' : 'true',
        showbar: 'false',
        columns: '1'.repeat(s.columns),
        id: partId(d, `section/${s.name}`),
      },
      [labels(s.label), el('rows', {}, rowsXml(d, s))],
    ),
  );
  const tab = el(
    'tab',
    {
      name: 'stl_dashboard',
      id: partId(d, 'tab'),
      showlabel: 'false',
      verticallayout: 'true',
      expanded: 'true',
    },
    [
      labels(d.displayName),
      el('columns', {}, [el('column', { width: '100%' }, [el('sections', {}, sections)])]),
    ],
  );
  return el('form', {}, [el('tabs', {}, [tab])]);
}

function dashboardXml(d: Dashboard): XmlElement {
  return el('Dashboard', {}, [
    localizedNames(d.displayName),
    descriptions(d.description),
    leaf('FormId', braced(dashboardId(d))),
    leaf('IsCustomizable', 1),
    leaf('IsDefault', 0),
    leaf('CanBeDeleted', 1),
    el('FormXml', {}, [el('forms', { type: 'dashboard' }, [formXml(d)])]),
    leaf('IntroducedVersion', INTRODUCED_VERSION),
    leaf('IsTabletEnabled', 0),
  ]);
}

export const dashboardsXml = (model: SolutionModel): XmlElement =>
  el('Dashboards', {}, model.dashboards.map(dashboardXml));
