/**
 * The Stellarise dashboards. Dataverse online shows at most six components on one dashboard
 * (Microsoft Learn, "Understand dashboards: Dashboard components and FormXML"), so the overview
 * the app opens on holds the counts and the latest failures, the trends dashboard the charts and
 * the connections, and a third is each sales user's own.
 */
import { COMPONENTS, SYSTEM_TABLES, TABLES } from '../names';
import { CHART_NAMES } from './charts';
import type { Dashboard, DashboardComponent } from './dashboardTypes';
import { DASHBOARD_VIEW_NAMES as V } from './dashboardViews';

const invoice = SYSTEM_TABLES.invoice.logicalName;
const history = TABLES.syncHistory.logicalName;

/** A count tile: the "Number of invoices" chart drawn over one invoice view. */
const tile = (id: string, label: string, view: string): DashboardComponent => ({
  kind: 'chart',
  id,
  label,
  view: { table: invoice, name: view },
  chart: CHART_NAMES.invoiceCount,
});

const chart = (id: string, table: string, view: string, name: string): DashboardComponent => ({
  kind: 'chart',
  id,
  label: name,
  view: { table, name: view },
  chart: name,
});

const overview: Dashboard = {
  displayName: COMPONENTS.overviewDashboard,
  description:
    'How many invoices are synced, failed, need review, are out of date or queued, and the latest failures.',
  sections: [
    {
      name: 'stl_counts',
      label: 'Invoices',
      columns: 5,
      rowSpan: 3,
      components: [
        tile('stl_SyncedTile', 'Synced', V.synced),
        tile('stl_FailedTile', 'Failed', V.failed),
        tile('stl_NeedsReviewTile', 'Needs review', V.needsReview),
        tile('stl_OutOfDateTile', 'Out of date', V.outOfDate),
        tile('stl_QueuedTile', 'Queued', V.queued),
      ],
    },
    {
      name: 'stl_failures',
      label: 'Latest failures',
      showLabel: false,
      columns: 1,
      rowSpan: 10,
      components: [
        {
          kind: 'list',
          id: 'stl_LatestFailures',
          label: 'Latest failures, with Xero’s message',
          view: { table: history, name: V.latestFailures },
          rows: 10,
        },
      ],
    },
  ],
};

const trends: Dashboard = {
  displayName: COMPONENTS.trendsDashboard,
  description:
    'Syncs per day, the commonest failures, payments per week, invoices by Xero status and connection health.',
  sections: [
    {
      name: 'stl_charts',
      label: 'Trends',
      columns: 2,
      rowSpan: 10,
      components: [
        chart('stl_SyncsPerDay', history, V.recentAttempts, CHART_NAMES.syncsPerDay),
        chart('stl_FailuresByMessage', history, V.latestFailures, CHART_NAMES.failuresByMessage),
        chart(
          'stl_PaymentsPerWeek',
          TABLES.payment.logicalName,
          V.paymentsReceived,
          CHART_NAMES.paymentsPerWeek,
        ),
        chart('stl_InvoicesByXeroStatus', invoice, V.inXero, CHART_NAMES.invoicesByXeroStatus),
      ],
    },
    {
      name: 'stl_connections',
      label: 'Connections',
      showLabel: false,
      columns: 1,
      rowSpan: 6,
      components: [
        {
          kind: 'list',
          id: 'stl_ConnectionHealth',
          label: 'Xero connections: status, reconnect by, calls left today',
          view: { table: TABLES.connection.logicalName, name: V.connectionHealth },
          rows: 5,
        },
      ],
    },
  ],
};

const mine: Dashboard = {
  displayName: COMPONENTS.myInvoicesDashboard,
  description: 'A sales user’s own invoices that are not in Xero yet, and those that failed.',
  sections: [
    {
      name: 'stl_mycounts',
      label: 'My invoices',
      columns: 2,
      rowSpan: 3,
      components: [
        tile('stl_MyNotInXeroTile', 'Not yet in Xero', V.myNotInXero),
        tile('stl_MyFailedTile', 'Failed', V.myFailed),
      ],
    },
    {
      name: 'stl_mylist',
      label: 'Not yet in Xero',
      showLabel: false,
      columns: 3,
      rowSpan: 10,
      components: [
        {
          kind: 'list',
          id: 'stl_MyNotInXero',
          label: 'My invoices not yet in Xero',
          view: { table: invoice, name: V.myNotInXero },
          rows: 10,
          span: 2,
        },
        chart('stl_MyBySyncStatus', invoice, V.myActive, CHART_NAMES.invoicesBySyncStatus),
      ],
    },
  ],
};

export const DASHBOARDS: readonly Dashboard[] = [overview, trends, mine];
