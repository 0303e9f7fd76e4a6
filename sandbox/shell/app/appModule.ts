/**
 * The app the shell shows, read as a model-driven app reads it: its `appmodules` row, its
 * components (`appmodulecomponents`: 60 forms, 26 views, 62 SiteMap) and its SiteMap. A table's
 * forms and views are the ones the app lists; when it lists none of a table's, all of them.
 */
import type { DataverseClient, Row } from './dataverse';

export interface AppScope {
  readonly name: string;
  readonly siteMapXml: string;
  /** The rows the app lets a user open: all when it lists none of them. */
  pick<T extends Row>(rows: T[], idColumn: string): T[];
}

const FORM = 60;
const VIEW = 26;
const SITEMAP = 62;

export async function loadApp(client: DataverseClient, uniqueName: string): Promise<AppScope> {
  const apps = await client.list('appmodules?$select=appmoduleid,name,uniquename');
  const app = apps.value.find((a) => a.uniquename === uniqueName) ?? apps.value[0];
  const components = app
    ? (
        await client.list(
          `appmodulecomponents?$select=componenttype,objectid&$filter=_appmoduleidunique_value eq ${String(app.appmoduleid)}`,
        )
      ).value
    : [];
  const ids = (type: number) =>
    new Set(components.filter((c) => c.componenttype === type).map((c) => String(c.objectid).toLowerCase()));
  const listed = new Set([...ids(FORM), ...ids(VIEW)]);
  const [siteMapId] = ids(SITEMAP);
  const siteMaps = await client.list('sitemaps?$select=sitemapid,sitemapname,sitemapnameunique,sitemapxml');
  const siteMap =
    siteMaps.value.find((s) => String(s.sitemapid) === siteMapId) ??
    siteMaps.value.find((s) => s.sitemapnameunique === uniqueName) ??
    siteMaps.value[0];
  return {
    name: String(app?.name ?? siteMap?.sitemapname ?? 'Dynamics 365'),
    siteMapXml: String(siteMap?.sitemapxml ?? '<SiteMap/>'),
    pick: (rows, idColumn) => {
      const inApp = rows.filter((r) => listed.has(String(r[idColumn]).toLowerCase()));
      return inApp.length ? inApp : rows;
    },
  };
}
