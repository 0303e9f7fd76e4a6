import { SALES_HUB, TABLES } from '../names';
import { DASHBOARDS } from './dashboards';
import type { AppModuleExtension } from './types';

/**
 * Our tables as components of the Sales Hub app, so sales people reach connections, sync history
 * and payments there. The unique name `msdynce_saleshub` is Sales Hub's in every org: Microsoft's
 * Dynamics 365 Sales docs scope their pages with `D365-App-msdynce_saleshub`, and solution exports
 * that extend it carry `<RootComponent type="80" schemaName="msdynce_saleshub" />`
 * (docs/solution-package.md cites both). Sales Hub already has invoice, invoice product and product.
 */
export const SALES_HUB_EXTENSION: AppModuleExtension = {
  uniqueName: SALES_HUB.appModuleUniqueName,
  displayName: 'Sales Hub',
  description: 'The Dynamics 365 Sales Hub app, with the Stellarise tables added.',
  tables: [
    TABLES.syncHistory,
    TABLES.payment,
    TABLES.connection,
    TABLES.defaults,
    TABLES.glCode,
    TABLES.taxRate,
    TABLES.brandingTheme,
    TABLES.trackingCategory,
    TABLES.trackingOption,
  ].map((t) => t.logicalName),
  // The Stellarise area's Dashboards page opens these inside Sales Hub too.
  dashboards: DASHBOARDS.map((d) => d.displayName),
  source: 'Microsoft Dynamics 365 Sales documentation (searchScope D365-App-msdynce_saleshub)',
  solution: 'Sales',
};
