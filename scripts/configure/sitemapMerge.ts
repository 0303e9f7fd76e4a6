/**
 * Adds the Stellarise area to another app's SiteMap (Sales Hub), as text, so the rest of the
 * SiteMap stays byte for byte what its owner wrote. The area is recognised by its Id; a SiteMap
 * that already has it is returned unchanged.
 */
import { failure, success, type Result } from '../../plugins-proxy/src/domain/result';

interface MergedSiteMap {
  readonly changed: boolean;
  readonly xml: string;
}

export type SiteMapMerge = Result<MergedSiteMap>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The `<Area …>…</Area>` element of an area file, without the XML declaration or comments. */
export function areaElement(areaFileXml: string): { id: string; xml: string } | null {
  const body = areaFileXml
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
  const id = /^<Area\b[^>]*\bId="([^"]+)"/.exec(body)?.[1];
  if (!id || !body.endsWith('</Area>')) return null;
  return { id, xml: body };
}

export function hasArea(siteMapXml: string, areaId: string): boolean {
  return new RegExp(`<Area\\b[^>]*\\bId="${escapeRegExp(areaId)}"`).test(siteMapXml);
}

export function mergeArea(siteMapXml: string, areaFileXml: string): SiteMapMerge {
  const area = areaElement(areaFileXml);
  if (!area) return failure('The area file has no single <Area Id="…"> element.');
  if (hasArea(siteMapXml, area.id)) return success({ changed: false, xml: siteMapXml });
  const selfClosing = /<SiteMap\b([^>]*)\/>/.exec(siteMapXml);
  if (selfClosing) {
    const xml = siteMapXml.replace(
      selfClosing[0],
      `<SiteMap${selfClosing[1].trimEnd()}>${area.xml}</SiteMap>`,
    );
    return success({ changed: true, xml });
  }
  const close = siteMapXml.lastIndexOf('</SiteMap>');
  if (close < 0 || !/<SiteMap\b/.test(siteMapXml))
    return failure('The SiteMap XML has no <SiteMap> root element.');
  return success({
    changed: true,
    xml: `${siteMapXml.slice(0, close)}${area.xml}${siteMapXml.slice(close)}`,
  });
}
