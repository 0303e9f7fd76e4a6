/**
 * Types of the dashboards, their charts (saved query visualizations) and the view filters they
 * rely on. A chart is drawn over a view: the view chooses the rows, the chart groups and counts
 * them (Microsoft Learn, "Understand charts: Underlying data and chart representation").
 */
import type { Labelled } from './types';

/** FetchXML condition operators the views use (Microsoft Learn, FetchXml condition element). */
export type ViewOperator = 'eq' | 'ne' | 'in' | 'null' | 'not-null' | 'last-x-days' | 'eq-userid';

export interface ViewCondition {
  readonly column: string;
  readonly operator: ViewOperator;
  /** `eq`, `ne`, `last-x-days`: one value; `in`: several; `null`, `not-null`, `eq-userid`: none. */
  readonly values?: readonly (string | number)[];
}

/** An inner link-entity that only filters: a row is kept when a linked row matches. */
export interface ViewLink {
  readonly table: string;
  /** The column of the linked table... */
  readonly from: string;
  /** ...that equals this column of the view's table. */
  readonly to: string;
  readonly conditions: readonly ViewCondition[];
}

export type ChartKind = 'column' | 'bar' | 'line' | 'pie' | 'stackedColumn';
export type Aggregate = 'count' | 'countcolumn' | 'sum';
export type DateGrouping = 'day' | 'week' | 'month';

export interface ChartMeasure {
  readonly column: string;
  readonly aggregate: Aggregate;
}

export interface ChartGrouping {
  readonly column: string;
  /** For a date column: the part of the date to group by (with the year, so days of two months differ). */
  readonly dateGrouping?: DateGrouping;
}

/** A system chart of a table; `displayName` is unique per table and names it. */
export interface Chart extends Labelled {
  readonly table: string;
  readonly kind: ChartKind;
  readonly measure: ChartMeasure;
  /** The x axis; none for a single figure (what a count tile shows). */
  readonly category?: ChartGrouping;
  /** A second grouping that splits the measure into one series per value, e.g. the outcome. */
  readonly series?: ChartGrouping;
  /** Only the N largest categories: FetchXML `count` with the measure ordered descending. */
  readonly top?: number;
}

/** A view by its table and name (what viewId derives the GUID from). */
export interface ViewRef {
  readonly table: string;
  readonly name: string;
}

/** A grid component (a list of a view's rows) or a chart component (a chart drawn over a view). */
export type DashboardComponent =
  | {
      readonly kind: 'chart';
      readonly id: string;
      readonly label: string;
      readonly view: ViewRef;
      readonly chart: string;
    }
  | {
      readonly kind: 'list';
      readonly id: string;
      readonly label: string;
      readonly view: ViewRef;
      readonly rows: number;
    };

export interface DashboardSection {
  readonly name: string;
  readonly label: string;
  /** Whether the section shows its label (default yes); a section of one titled component need not. */
  readonly showLabel?: boolean;
  /** How many equal columns the section has; each component takes one, or `span` of them. */
  readonly columns: number;
  /** The height of each component in form rows. */
  readonly rowSpan: number;
  readonly components: readonly (DashboardComponent & { readonly span?: number })[];
}

/** An organisation-owned dashboard (systemform type 0); `displayName` names it. */
export interface Dashboard extends Labelled {
  readonly sections: readonly DashboardSection[];
}
