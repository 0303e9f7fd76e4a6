/** The app's SiteMap (from the emulator's sitemaps row) as navigation: areas → groups → sub-areas. */
export interface SubArea {
  id: string;
  title: string;
  /**
   * `#/list/<table>[/<view id>]` for a table (a `/main.aspx?pagetype=entitylist` Url names the view),
   * `#/webresource/<name>` for a web resource, `#/dashboard/<id>` for
   * the dashboards page (Url /workplace/home_dashboards.aspx, opening its DefaultDashboard), or
   * an external URL.
   */
  href: string;
}

export interface SiteMapGroup {
  id: string;
  title: string;
  subAreas: SubArea[];
}

export interface SiteMapArea {
  id: string;
  title: string;
  groups: SiteMapGroup[];
}

const titleOf = (el: Element) =>
  el.querySelector(':scope > Titles > Title')?.getAttribute('Title') ?? el.getAttribute('Id') ?? '';

/** `/main.aspx?pagetype=entitylist&etn=<table>&viewid={<id>}`: a table's list opened on one view. */
function entityListHref(url: string): string | null {
  const query = url.toLowerCase().startsWith('/main.aspx?') ? new URLSearchParams(url.slice(10)) : null;
  const table = query?.get('etn');
  if (!query || query.get('pagetype') !== 'entitylist' || !table) return null;
  const view = (query.get('viewid') ?? '').replace(/[{}]/g, '').toLowerCase();
  return view ? `#/list/${table}/${view}` : `#/list/${table}`;
}

function hrefOf(subArea: Element): string {
  const entity = subArea.getAttribute('Entity');
  if (entity) return `#/list/${entity}`;
  const url = subArea.getAttribute('Url') ?? '';
  const list = entityListHref(url);
  if (list) return list;
  if (url.toLowerCase() === '/workplace/home_dashboards.aspx')
    return `#/dashboard/${(subArea.getAttribute('DefaultDashboard') ?? '').replace(/[{}]/g, '').toLowerCase()}`;
  if (url.startsWith('$webresource:')) return `#/webresource/${url.slice('$webresource:'.length)}`;
  return url;
}

export function parseSiteMap(xml: string): SiteMapArea[] {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  return Array.from(doc.querySelectorAll('SiteMap > Area')).map((area) => ({
    id: area.getAttribute('Id') ?? '',
    title: titleOf(area),
    groups: Array.from(area.querySelectorAll(':scope > Group')).map((group) => ({
      id: group.getAttribute('Id') ?? '',
      title: titleOf(group),
      subAreas: Array.from(group.querySelectorAll(':scope > SubArea')).map((s) => ({
        id: s.getAttribute('Id') ?? '',
        title: titleOf(s),
        href: hrefOf(s),
      })),
    })),
  }));
}
