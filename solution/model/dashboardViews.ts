/**
 * The views behind the dashboards: each tile, chart and list is drawn over one of these. The
 * invoice views are public views of the Sales table, so they also appear in the invoice view
 * picker; none of them is the default view (Sales keeps its own).
 */
import { CHOICES, COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES, TABLES } from '../names';
import type { ViewCondition } from './dashboardTypes';
import type { View } from './types';

const I = SYSTEM_COLUMNS.invoice;
const IC = COLUMNS.invoice;
const H = COLUMNS.syncHistory;
const P = COLUMNS.payment;
const C = COLUMNS.connection;
const SYNC = CHOICES.syncStatus.values;

const invoice = SYSTEM_TABLES.invoice.logicalName;
const eq = (column: string, value: number): ViewCondition => ({ column, operator: 'eq', values: [value] });
const mine: ViewCondition = { column: 'ownerid', operator: 'eq-userid' };

/** Every invoice, whatever its state: a paid invoice still counts as synced. */
function invoiceView(name: string, conditions: readonly ViewCondition[], extra: Partial<View> = {}): View {
  return {
    table: invoice,
    name,
    type: 'public',
    isDefault: false,
    activeOnly: false,
    columns: [I.name, I.customerId, I.totalAmount, IC.syncStatus, IC.xeroNumber, IC.lastSyncedOn],
    sortBy: 'modifiedon',
    descending: true,
    conditions,
    ...extra,
  };
}

export const DASHBOARD_VIEW_NAMES = {
  synced: 'Invoices synced to Xero',
  failed: 'Invoices that failed to sync',
  needsReview: 'Invoices that need review',
  outOfDate: 'Invoices out of date in Xero',
  queued: 'Invoices queued for Xero',
  inXero: 'Invoices in Xero',
  myNotInXero: 'My invoices not yet in Xero',
  myFailed: 'My invoices that failed to sync',
  myActive: 'My active invoices',
  recentAttempts: 'Sync attempts in the last 30 days',
  latestFailures: 'Latest failed sync attempts',
  paymentsReceived: 'Payments received from Xero',
  connectionHealth: 'Xero connection health',
} as const;

const V = DASHBOARD_VIEW_NAMES;

const invoiceViews: View[] = [
  invoiceView(V.synced, [eq(IC.syncStatus, SYNC.synced)]),
  invoiceView(V.failed, [eq(IC.syncStatus, SYNC.failed)]),
  // Failed, with an attempt Xero's side cannot settle alone (e.g. two contacts match the customer).
  invoiceView(V.needsReview, [eq(IC.syncStatus, SYNC.failed)], {
    link: {
      table: TABLES.syncHistory.logicalName,
      from: H.invoiceId,
      to: I.id,
      conditions: [eq(H.status, CHOICES.syncHistoryStatus.values.needsReview)],
    },
  }),
  invoiceView(V.outOfDate, [eq(IC.syncStatus, SYNC.outOfDate)]),
  invoiceView(V.queued, [eq(IC.syncStatus, SYNC.queued)]),
  invoiceView(V.inXero, [{ column: IC.xeroStatus, operator: 'not-null' }], {
    columns: [I.name, I.customerId, IC.xeroNumber, IC.xeroStatus, IC.amountDue, IC.lastSyncedOn],
  }),
  invoiceView(V.myNotInXero, [mine, { column: IC.xeroId, operator: 'null' }], {
    activeOnly: true,
    columns: [I.name, I.customerId, I.totalAmount, IC.syncStatus, I.dueDate],
  }),
  invoiceView(V.myFailed, [mine, eq(IC.syncStatus, SYNC.failed)]),
  invoiceView(V.myActive, [mine], { activeOnly: true }),
];

const history = TABLES.syncHistory.logicalName;
const historyViews: View[] = [
  {
    table: history,
    name: V.recentAttempts,
    type: 'public',
    isDefault: false,
    activeOnly: true,
    columns: [H.name, H.status, H.invoiceId, H.xeroNumber, 'createdon'],
    sortBy: 'createdon',
    descending: true,
    conditions: [
      eq(H.operation, CHOICES.operation.values.pushDocument),
      { column: 'createdon', operator: 'last-x-days', values: [30] },
    ],
  },
  {
    table: history,
    name: V.latestFailures,
    type: 'public',
    isDefault: false,
    activeOnly: true,
    columns: [H.name, H.invoiceId, H.message, 'createdon'],
    sortBy: 'createdon',
    descending: true,
    conditions: [eq(H.status, CHOICES.syncHistoryStatus.values.failed)],
  },
];

const otherViews: View[] = [
  {
    table: TABLES.payment.logicalName,
    name: V.paymentsReceived,
    type: 'public',
    isDefault: false,
    activeOnly: true,
    columns: [P.name, P.invoiceId, P.paymentDate, P.amount, P.reference],
    sortBy: P.paymentDate,
    descending: true,
    conditions: [eq(P.status, CHOICES.paymentStatus.values.authorised)],
  },
  {
    table: TABLES.connection.logicalName,
    name: V.connectionHealth,
    type: 'public',
    isDefault: false,
    activeOnly: true,
    columns: [C.name, C.status, C.refreshDeadline, C.dailyCallsLeft, C.lastError],
    sortBy: C.name,
  },
];

export const DASHBOARD_VIEWS: readonly View[] = [...invoiceViews, ...historyViews, ...otherViews];
