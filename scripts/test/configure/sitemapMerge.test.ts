import fs from 'node:fs';
import path from 'node:path';
import { areaElement, hasArea, mergeArea } from '../../configure/sitemapMerge';

const AREA_FILE = fs.readFileSync(path.join(__dirname, '../../../sitemap/saleshub-area.xml'), 'utf8');
const SALES_HUB =
  '<SiteMap IntroducedVersion="7.0.0.0"><Area Id="SFA"><Group Id="MyWork" /></Area></SiteMap>';

describe('mergeArea', () => {
  it('adds the Stellarise area after the SiteMap’s own areas', () => {
    const merged = mergeArea(SALES_HUB, AREA_FILE);
    expect(merged).toMatchObject({ ok: true, value: { changed: true } });
    const xml = merged.ok ? merged.value.xml : '';
    expect(xml.startsWith('<SiteMap IntroducedVersion="7.0.0.0"><Area Id="SFA">')).toBe(true);
    expect(xml.indexOf('Id="stl_StellariseArea"')).toBeGreaterThan(xml.indexOf('Id="SFA"'));
    expect(xml.endsWith('</Area></SiteMap>')).toBe(true);
  });

  it('leaves a SiteMap that already has the area exactly as it was', () => {
    const once = mergeArea(SALES_HUB, AREA_FILE);
    const twice = mergeArea(once.ok ? once.value.xml : '', AREA_FILE);
    expect(twice).toEqual({ ok: true, value: { changed: false, xml: once.ok ? once.value.xml : '' } });
  });

  it('keeps the area file free of its XML declaration and comments', () => {
    const merged = mergeArea(SALES_HUB, AREA_FILE);
    const xml = merged.ok ? merged.value.xml : '';
    expect(xml).not.toContain('<?xml');
    expect(xml).not.toContain('<!--');
  });

  it('opens a self-closing SiteMap to put the area inside', () => {
    const merged = mergeArea('<SiteMap />', AREA_FILE);
    expect(merged.ok && merged.value.xml.startsWith('<SiteMap><Area Id="stl_StellariseArea"')).toBe(true);
    expect(merged.ok && merged.value.xml.endsWith('</Area></SiteMap>')).toBe(true);
  });

  it('refuses XML without a SiteMap root', () => {
    expect(mergeArea('<AppModule />', AREA_FILE)).toEqual({
      ok: false,
      failure: 'The SiteMap XML has no <SiteMap> root element.',
    });
  });

  it('refuses an area file without an Area element', () => {
    expect(mergeArea(SALES_HUB, '<Group Id="x" />')).toMatchObject({ ok: false });
  });
});

describe('areaElement and hasArea', () => {
  it('reads the area id from the area file', () => {
    expect(areaElement(AREA_FILE)?.id).toBe('stl_StellariseArea');
  });

  it('does not mistake an area whose id only starts the same for ours', () => {
    expect(hasArea('<SiteMap><Area Id="stl_StellariseAreaOld" /></SiteMap>', 'stl_StellariseArea')).toBe(
      false,
    );
  });
});
