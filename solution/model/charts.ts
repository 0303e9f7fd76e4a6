/**
 * The system charts the dashboards draw. A chart only groups and measures; the view it is drawn
 * over chooses the rows (Microsoft Learn, "Understand charts: Underlying data and chart
 * representation"), so one "Number of invoices" chart makes every count tile.
 */
import { COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES, TABLES } from '../names';
import type { Chart } from './dashboardTypes';

const H = COLUMNS.syncHistory;
const invoice = SYSTEM_TABLES.invoice.logicalName;
const history = TABLES.syncHistory.logicalName;

export const CHART_NAMES = {
  invoiceCount: 'Number of invoices',
  syncsPerDay: 'Syncs per day by outcome',
  failuresByMessage: 'Failures by message (top 10)',
  paymentsPerWeek: 'Payments received per week',
  invoicesByXeroStatus: 'Invoices by Xero status',
  invoicesBySyncStatus: 'Invoices by sync status',
} as const;

const N = CHART_NAMES;

export const CHARTS: readonly Chart[] = [
  {
    table: invoice,
    displayName: N.invoiceCount,
    description: 'How many invoices the view holds: one figure, shown as a tile.',
    kind: 'column',
    measure: { column: SYSTEM_COLUMNS.invoice.id, aggregate: 'count' },
  },
  {
    table: history,
    displayName: N.syncsPerDay,
    description: 'Sync attempts per day, stacked by their outcome.',
    kind: 'stackedColumn',
    measure: { column: TABLES.syncHistory.primaryId, aggregate: 'count' },
    category: { column: 'createdon', dateGrouping: 'day' },
    series: { column: H.status },
  },
  {
    table: history,
    displayName: N.failuresByMessage,
    description: 'The ten messages failed attempts end with most often.',
    kind: 'bar',
    measure: { column: TABLES.syncHistory.primaryId, aggregate: 'count' },
    category: { column: H.messageSummary },
    top: 10,
  },
  {
    table: TABLES.payment.logicalName,
    displayName: N.paymentsPerWeek,
    description: 'The amount of the payments recorded in Xero, per week of the payment date.',
    kind: 'column',
    measure: { column: COLUMNS.payment.amount, aggregate: 'sum' },
    category: { column: COLUMNS.payment.paymentDate, dateGrouping: 'week' },
  },
  {
    table: invoice,
    displayName: N.invoicesByXeroStatus,
    description: 'Invoices by the status of their document in Xero (Authorised, Paid, ...).',
    kind: 'pie',
    measure: { column: SYSTEM_COLUMNS.invoice.id, aggregate: 'count' },
    category: { column: COLUMNS.invoice.xeroStatus },
  },
  {
    table: invoice,
    displayName: N.invoicesBySyncStatus,
    description: 'Invoices by where they stand with Xero (Not synced, Queued, Synced, ...).',
    kind: 'pie',
    measure: { column: SYSTEM_COLUMNS.invoice.id, aggregate: 'count' },
    category: { column: COLUMNS.invoice.syncStatus },
  },
];
