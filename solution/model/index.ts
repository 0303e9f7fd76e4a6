import { DOCS_WEB_RESOURCES } from './docs';
import { ALTERNATE_KEYS, COMPONENTS, PUBLISHER, SOLUTION, SYSTEM_TABLES, TABLES } from '../names';
import { SOLUTION_VERSION } from '../version';
import { GLOBAL_CHOICES } from './choices';
import { connectionForm, mainFormFor } from './forms';
import { SALES_HUB_EXTENSION } from './salesHub';
import { SYSTEM_FORMS } from './systemForms';
import {
  ENVIRONMENT_VARIABLES,
  FIELD_SECURITY_PROFILES,
  PCF_CONTROLS,
  PROCESSING_STEPS,
  SERVICE_ENDPOINTS,
  WEB_RESOURCES,
} from './platform';
import { RIBBON_BUTTONS } from './ribbon';
import { SECURITY_ROLES } from './security';
import { connectionTable, defaultsTable } from './tables/connection';
import {
  brandingThemeTable,
  glCodeTable,
  taxRateTable,
  trackingCategoryTable,
  trackingOptionTable,
} from './tables/reference';
import { paymentTable, syncHistoryTable, xeroLinkTable } from './tables/sync';
import { invoiceDetailExtension, invoiceExtension, productExtension } from './tables/system';
import type { AlternateKey, CustomTable, SolutionModel, Table } from './types';
import { RELATIONSHIPS } from './relationships';
import { invoiceLinesView, invoicesXeroView, syncHistoryViews, viewsFor } from './views';
import { CHARTS } from './charts';
import { DASHBOARDS } from './dashboards';
import { DASHBOARD_VIEWS } from './dashboardViews';

export * from './types';
export * from './dashboardTypes';

export const CUSTOM_TABLES: readonly CustomTable[] = [
  connectionTable,
  defaultsTable,
  glCodeTable,
  taxRateTable,
  brandingThemeTable,
  trackingCategoryTable,
  trackingOptionTable,
  syncHistoryTable,
  paymentTable,
  xeroLinkTable,
];

const TABLES_IN_MODEL: readonly Table[] = [
  ...CUSTOM_TABLES,
  invoiceExtension,
  invoiceDetailExtension,
  productExtension,
];

const KEY_LABELS: Record<string, string> = {
  [TABLES.glCode.logicalName]: 'Connection and code',
  [TABLES.taxRate.logicalName]: 'Connection and tax type',
  [TABLES.xeroLink.logicalName]: 'Connection and record',
};

const KEYS: readonly AlternateKey[] = ALTERNATE_KEYS.map((k) => ({
  table: k.table,
  name: k.name,
  displayName: KEY_LABELS[k.table] ?? 'Connection and Xero ID',
  columns: k.columns,
}));

export const solutionModel: SolutionModel = {
  uniqueName: SOLUTION.uniqueName,
  displayName: SOLUTION.displayName,
  description: 'Syncs Dynamics 365 Sales invoices, bills and credit notes to Xero and brings payments back.',
  version: SOLUTION_VERSION,
  publisher: {
    uniqueName: PUBLISHER.uniqueName,
    displayName: PUBLISHER.displayName,
    description: 'Stellarise, makers of the Stellarise Connector for Dynamics 365 and Xero.',
    prefix: PUBLISHER.prefix,
    optionValuePrefix: PUBLISHER.optionValuePrefix,
  },
  tables: TABLES_IN_MODEL,
  choices: GLOBAL_CHOICES,
  relationships: RELATIONSHIPS,
  alternateKeys: KEYS,
  forms: [
    ...CUSTOM_TABLES.map((t) => (t === connectionTable ? connectionForm : mainFormFor(t))),
    ...SYSTEM_FORMS,
  ],
  views: [
    ...CUSTOM_TABLES.flatMap((t) => (t === syncHistoryTable ? syncHistoryViews(t) : viewsFor(t))),
    invoicesXeroView,
    invoiceLinesView,
    ...DASHBOARD_VIEWS,
  ],
  ribbon: RIBBON_BUTTONS,
  webResources: [...WEB_RESOURCES, ...DOCS_WEB_RESOURCES],
  controls: PCF_CONTROLS,
  roles: SECURITY_ROLES,
  fieldSecurityProfiles: FIELD_SECURITY_PROFILES,
  environmentVariables: ENVIRONMENT_VARIABLES,
  serviceEndpoints: SERVICE_ENDPOINTS,
  steps: PROCESSING_STEPS,
  appModules: [
    {
      uniqueName: COMPONENTS.appModule,
      displayName: 'Stellarise',
      description: 'Sync invoices to Xero, follow sync history and payments, and set up Xero connections.',
      tables: [
        ...CUSTOM_TABLES.map((t) => t.logicalName),
        SYSTEM_TABLES.invoice.logicalName,
        SYSTEM_TABLES.invoiceDetail.logicalName,
        SYSTEM_TABLES.product.logicalName,
      ],
      siteMapSource: 'sitemap/stellarise.sitemap.xml',
      roles: [COMPONENTS.adminRole, COMPONENTS.userRole],
      dashboards: DASHBOARDS.map((d) => d.displayName),
    },
  ],
  charts: CHARTS,
  dashboards: DASHBOARDS,
  appModuleExtensions: [SALES_HUB_EXTENSION],
};
