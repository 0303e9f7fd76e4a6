/**
 * The Dynamics 365 Sales main forms with our tab added: the invoice form with the Xero panel, the
 * status control, the Xero fields and the sync history and payments grids; the product form with
 * its GL codes, tax rates and Xero item code; the invoice product form with its GL code, tax rate
 * and tracking. They ship under the system forms' own ids (reference/dataverse-solution.md §5.5,
 * "Adding to a system form"), so users see our tab on the form they already open.
 */
import { COLUMNS, COMPONENTS, SYSTEM_TABLES, TABLES } from '../names';
import { INVOICE_LINES_GRID, SALES_FORMS, type SalesForm } from './salesForms';
import { relationshipOf } from './forms';
import { paymentTable, syncHistoryTable } from './tables/sync';
import type { Form, FormCell, FormTab } from './types';
import { associatedViewName, INVOICE_LINES_VIEW } from './views';

const field = (column: string): FormCell => ({ kind: 'field', column });

/** The system form's tabs as Microsoft ships them, marked system (the package never changes them). */
function systemTabs(form: SalesForm): FormTab[] {
  return form.tabs.map((tab) => ({
    name: tab.name,
    label: tab.label,
    system: true,
    sections: tab.sections.map((s) => ({
      name: s.name,
      label: s.label,
      cells: s.linesGrid
        ? [
            {
              kind: 'subgrid',
              id: INVOICE_LINES_GRID.id,
              label: INVOICE_LINES_GRID.label,
              table: SYSTEM_TABLES.invoiceDetail.logicalName,
              relationship: INVOICE_LINES_GRID.relationship,
              view: INVOICE_LINES_VIEW,
            },
          ]
        : s.columns.map((column) => ({ kind: 'field' as const, column, label: form.labels[column] })),
    })),
  }));
}

function extend(form: SalesForm, description: string, added: FormTab): Form {
  return {
    table: form.table,
    name: form.name,
    type: 'main',
    description,
    header: form.header.map((column) => ({ column, label: form.labels[column] ?? column })),
    tabs: [...systemTabs(form), added],
    systemForm: { formId: form.formId, source: form.source },
  };
}

const salesForm = (table: string): SalesForm => {
  const found = SALES_FORMS.find((f) => f.table === table);
  if (!found) throw new Error(`No Sales form of ${table} in salesForms.ts`);
  return found;
};

const inv = COLUMNS.invoice;

const invoiceXeroTab: FormTab = {
  name: 'stl_xero',
  label: 'Xero',
  sections: [
    {
      // The panel reads the rest of the invoice through context.webAPI; only the status is bound.
      name: 'stl_xero_panel',
      label: 'Xero panel',
      cells: [
        {
          kind: 'pcf',
          column: inv.syncStatus,
          controlId: `${inv.syncStatus}_panel`,
          control: COMPONENTS.xeroPanelControl,
          label: 'Xero panel',
          bindings: { syncStatus: inv.syncStatus },
        },
      ],
    },
    {
      name: 'stl_xero_status',
      label: 'Xero status',
      cells: [
        {
          kind: 'pcf',
          column: inv.syncStatus,
          control: COMPONENTS.xeroStatusControl,
          label: 'Xero sync status',
          bindings: {
            syncStatus: inv.syncStatus,
            xeroNumber: inv.xeroNumber,
            lastSyncedOn: inv.lastSyncedOn,
          },
        },
        field(inv.xeroNumber),
        field(inv.xeroStatus),
        field(inv.lastSyncedOn),
      ],
    },
    {
      name: 'stl_xero_amounts',
      label: 'Amounts and links',
      cells: [inv.amountDue, inv.amountPaid, inv.xeroUrl, inv.onlineUrl].map(field),
    },
    {
      name: 'stl_xero_settings',
      label: 'How this invoice syncs',
      cells: [
        inv.documentType,
        inv.connectionId,
        inv.brandingThemeId,
        inv.manualNumber,
        inv.reference,
        inv.emailOnSync,
      ].map(field),
    },
    {
      name: 'stl_xero_history',
      label: 'Sync history',
      cells: [
        {
          kind: 'subgrid',
          id: 'stl_synchistory_grid',
          label: 'Sync history',
          table: TABLES.syncHistory.logicalName,
          relationship: relationshipOf(TABLES.syncHistory.logicalName, COLUMNS.syncHistory.invoiceId),
          view: associatedViewName(syncHistoryTable),
        },
      ],
    },
    {
      name: 'stl_xero_payments',
      label: 'Xero payments',
      cells: [
        {
          kind: 'subgrid',
          id: 'stl_payment_grid',
          label: 'Xero payments',
          table: TABLES.payment.logicalName,
          relationship: relationshipOf(TABLES.payment.logicalName, COLUMNS.payment.invoiceId),
          view: associatedViewName(paymentTable),
        },
      ],
    },
  ],
};

const pr = COLUMNS.product;
const line = COLUMNS.invoiceDetail;

export const invoiceForm: Form = extend(
  salesForm(SYSTEM_TABLES.invoice.logicalName),
  'The Dynamics 365 Sales invoice form, with the Xero tab: the Xero panel, sync status, Xero number and amounts, links and sync history.',
  invoiceXeroTab,
);

export const productForm: Form = extend(
  salesForm(SYSTEM_TABLES.product.logicalName),
  'The Dynamics 365 Sales product form, with the Xero tab: GL codes, tax rates and the Xero item code.',
  {
    name: 'stl_xero',
    label: 'Xero',
    sections: [
      {
        name: 'stl_xero_accounts',
        label: 'Xero accounts and tax',
        cells: [pr.salesGlCodeId, pr.salesTaxRateId, pr.purchaseGlCodeId, pr.purchaseTaxRateId].map(field),
      },
      { name: 'stl_xero_item', label: 'Xero item', cells: [field(pr.xeroItemCode)] },
    ],
  },
);

export const invoiceDetailForm: Form = extend(
  salesForm(SYSTEM_TABLES.invoiceDetail.logicalName),
  'The Dynamics 365 Sales invoice product form, with the Xero tab: GL code, tax rate and tracking for the line.',
  {
    name: 'stl_xero',
    label: 'Xero',
    sections: [
      { name: 'stl_xero_codes', label: 'Xero codes', cells: [line.glCodeId, line.taxRateId].map(field) },
      {
        name: 'stl_xero_tracking',
        label: 'Tracking',
        cells: [line.trackingOption1Id, line.trackingOption2Id].map(field),
      },
    ],
  },
);

export const SYSTEM_FORMS: readonly Form[] = [invoiceForm, productForm, invoiceDetailForm];
