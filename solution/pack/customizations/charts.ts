import type { Chart, ChartKind, ChartGrouping } from '../../model/dashboardTypes';
import type { SolutionModel } from '../../model/types';
import { braced, componentId } from '../guid';
import { descriptions, INTRODUCED_VERSION, localizedNames } from '../labels';
import { el, leaf, type XmlElement } from '../xml';

/**
 * Saved query visualizations (system charts) as real exports carry them: the data description
 * (an aggregate FetchXML and the category and measure aliases, VisualizationDataDescription.xsd)
 * and the presentation description (Microsoft Chart Controls XML), per Microsoft Learn "Sample
 * charts" and the CoE Starter Kit's exported charts.
 */
export const CHART_ALIASES = {
  category: 'groupby_column',
  series: 'series_column',
  measure: 'aggregate_column',
} as const;

export const chartId = (chart: Pick<Chart, 'table' | 'displayName'>): string =>
  componentId('chart', `${chart.table}/${chart.displayName}`);

function groupbyXml(g: ChartGrouping, alias: string): XmlElement {
  return el('attribute', { name: g.column, groupby: 'true', alias, dategrouping: g.dateGrouping });
}

export function chartFetchXml(chart: Chart): XmlElement {
  const A = CHART_ALIASES;
  const orders = chart.top
    ? [el('order', { alias: A.measure, descending: 'true' })]
    : chart.category?.dateGrouping
      ? [el('order', { alias: A.category, descending: 'false' })]
      : [];
  return el('fetch', { mapping: 'logical', aggregate: 'true', count: chart.top }, [
    el('entity', { name: chart.table }, [
      chart.category ? groupbyXml(chart.category, A.category) : null,
      chart.series ? groupbyXml(chart.series, A.series) : null,
      el('attribute', { name: chart.measure.column, aggregate: chart.measure.aggregate, alias: A.measure }),
      ...orders,
    ]),
  ]);
}

export function dataDescriptionXml(chart: Chart): XmlElement {
  return el('datadefinition', {}, [
    el('fetchcollection', {}, [chartFetchXml(chart)]),
    el('categorycollection', {}, [
      el('category', { alias: chart.category ? CHART_ALIASES.category : undefined }, [
        el('measurecollection', {}, [el('measure', { alias: CHART_ALIASES.measure })]),
      ]),
    ]),
  ]);
}

const CHART_TYPE: Record<ChartKind, string> = {
  column: 'Column',
  bar: 'Bar',
  line: 'Line',
  pie: 'Pie',
  stackedColumn: 'StackedColumn',
};
const PALETTE = '55,118,193; 197,56,52; 149,189,66; 117,82,160; 49,171,204; 255,136,35';
const TEXT = '59, 59, 59';
const axis = (name: string) =>
  el(name, { TitleForeColor: TEXT, TitleFont: '{0}, 10.5px', LineColor: '165, 172, 181' }, [
    el('MajorGrid', { LineColor: '239, 242, 246' }),
    el('LabelStyle', { Font: '{0}, 10.5px', ForeColor: TEXT }),
  ]);

export function presentationXml(chart: Chart): XmlElement {
  const round = chart.kind === 'pie';
  return el('Chart', { Palette: 'None', PaletteCustomColors: PALETTE }, [
    el('Series', {}, [
      el('Series', {
        ChartType: CHART_TYPE[chart.kind],
        IsValueShownAsLabel: 'True',
        Font: '{0}, 9.5px',
        LabelForeColor: TEXT,
        CustomProperties: round ? 'PieLabelStyle=Inside' : 'PointWidth=0.75, MaxPixelPointWidth=40',
      }),
    ]),
    el('ChartAreas', {}, [
      el(
        'ChartArea',
        { BorderColor: 'White', BorderDashStyle: 'Solid' },
        round ? [] : [axis('AxisY'), axis('AxisX')],
      ),
    ]),
    el('Titles', {}, [
      el('Title', { Alignment: 'TopLeft', DockingOffset: '-3', Font: '{0}, 13px', ForeColor: TEXT }),
    ]),
    chart.series || round
      ? el('Legends', {}, [
          el('Legend', { Alignment: 'Center', LegendStyle: 'Table', Docking: 'right', ForeColor: TEXT }),
        ])
      : null,
  ]);
}

export function visualizationXml(chart: Chart): XmlElement {
  return el('visualization', {}, [
    leaf('savedqueryvisualizationid', braced(chartId(chart))),
    el('datadescription', {}, [dataDescriptionXml(chart)]),
    el('presentationdescription', {}, [presentationXml(chart)]),
    leaf('isdefault', 0),
    localizedNames(chart.displayName),
    descriptions(chart.description),
    leaf('IsCustomizable', 1),
    leaf('IntroducedVersion', INTRODUCED_VERSION),
    leaf('CanBeDeleted', 1),
  ]);
}

/** The entity's `<Visualizations>`, or nothing when the solution ships no chart of it. */
export function visualizationsXml(model: SolutionModel, table: string): XmlElement | null {
  const charts = model.charts.filter((c) => c.table === table);
  return charts.length ? el('Visualizations', {}, charts.map(visualizationXml)) : null;
}
