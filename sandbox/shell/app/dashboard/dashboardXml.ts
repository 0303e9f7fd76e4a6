/**
 * A dashboard's FormXml as the shell lays it out: sections of equal columns, each component a
 * sub-grid control naming its view (ViewId, TargetEntityType) and, in Chart mode, its chart
 * (VisualizationId), with its cell's colspan and rowspan (Microsoft Learn, "Understand
 * dashboards: Dashboard components and FormXML").
 */
export interface DashboardComponent {
  id: string;
  label: string;
  table: string;
  viewId: string;
  /** Set for a chart component (ChartGridMode Chart); a grid component lists the view's rows. */
  chartId?: string;
  recordsPerPage: number;
  colspan: number;
  rowspan: number;
}

export interface DashboardSection {
  name: string;
  /** Empty when the section hides its label (showlabel="false"). */
  label: string;
  columns: number;
  components: DashboardComponent[];
}

const unbrace = (id: string | null | undefined) => (id ?? '').replace(/[{}]/g, '').toLowerCase();
const param = (control: Element, name: string) =>
  control.querySelector(`:scope > parameters > ${name}`)?.textContent?.trim() ?? '';
const labelOf = (el: Element) =>
  el.querySelector(':scope > labels > label')?.getAttribute('description') ?? '';

export function parseDashboard(formXml: string): DashboardSection[] {
  const doc = new DOMParser().parseFromString(formXml, 'text/xml');
  return Array.from(doc.querySelectorAll('section')).map((section) => ({
    name: section.getAttribute('name') ?? '',
    label: section.getAttribute('showlabel') === 'false' ? '' : labelOf(section),
    columns: Math.max(1, (section.getAttribute('columns') ?? '1').length),
    components: Array.from(section.querySelectorAll('cell')).flatMap((cell) => {
      const control = cell.querySelector(':scope > control');
      if (!control) return [];
      const chart =
        param(control, 'ChartGridMode') === 'Chart' ? unbrace(param(control, 'VisualizationId')) : '';
      return [
        {
          id: control.getAttribute('id') ?? '',
          label: labelOf(cell),
          table: param(control, 'TargetEntityType'),
          viewId: unbrace(param(control, 'ViewId')),
          chartId: chart || undefined,
          recordsPerPage: Number(param(control, 'RecordsPerPage') || 10),
          colspan: Number(cell.getAttribute('colspan') ?? 1),
          rowspan: Number(cell.getAttribute('rowspan') ?? 1),
        },
      ];
    }),
  }));
}
