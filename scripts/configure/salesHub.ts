/**
 * Adds the Stellarise area to the Sales Hub app's SiteMap and publishes that SiteMap, so the
 * connector's pages are reachable from Sales Hub's navigation as the seed product's are. A SiteMap
 * that has the area already is neither written nor published again.
 *
 * The only part of Sales Hub that is not in the solution: the tables, forms and views ship as
 * components of the Sales Hub app (solution/model/salesHub.ts), but its SiteMap is Microsoft's and a
 * solution can only replace a SiteMap, not add an area to it (docs/sales-hub.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import { eq } from '../../plugins-proxy/src/adapters/dataverse/odata';
import { CUSTOMIZATION_TABLES, SALES_HUB } from '../../solution/names';
import { mergeArea } from './sitemapMerge';
import { ConfigureError, type StepResult } from './steps';

type Row = Record<string, unknown>;
const SM = CUSTOMIZATION_TABLES.siteMap;
const STEP = 'Sales Hub SiteMap';

export const SALES_HUB_AREA_FILE = path.resolve(__dirname, '../../sitemap/saleshub-area.xml');

/** Calls an unbound Web API action; resolves false when the server has no such action. */
export type ActionCaller = (action: string, body: Record<string, unknown>) => Promise<boolean>;

export function publishSiteMapXml(siteMapId: string): string {
  return `<importexportxml><sitemaps><sitemap>{${siteMapId}}</sitemap></sitemaps></importexportxml>`;
}

export async function addSalesHubArea(
  client: DataverseClient,
  callAction: ActionCaller,
  areaFileXml = fs.readFileSync(SALES_HUB_AREA_FILE, 'utf8'),
): Promise<StepResult> {
  const [siteMap] = await client.query<Row>(SM.entitySet, {
    select: [SM.primaryId, SM.xml],
    filter: eq(SM.uniqueName, SALES_HUB.siteMapUniqueName),
  });
  if (!siteMap)
    throw new ConfigureError(
      `${STEP}: this org has no SiteMap named ${SALES_HUB.siteMapUniqueName}; install Dynamics 365 Sales or leave out --saleshub.`,
    );
  const merged = mergeArea(String(siteMap[SM.xml] ?? ''), areaFileXml);
  if (!merged.ok) throw new ConfigureError(`${STEP}: ${merged.failure}`);
  if (!merged.value.changed)
    return { step: STEP, changed: false, detail: `already has the ${SALES_HUB.areaId} area` };
  const id = String(siteMap[SM.primaryId]);
  await client.update(`${SM.entitySet}(${id})`, { [SM.xml]: merged.value.xml });
  const published = await callAction(SALES_HUB.publishAction, { ParameterXml: publishSiteMapXml(id) });
  return {
    step: STEP,
    changed: true,
    detail: published
      ? `added the ${SALES_HUB.areaId} area and published the SiteMap`
      : `added the ${SALES_HUB.areaId} area; this server has no ${SALES_HUB.publishAction} action, so publish customizations by hand`,
  };
}
