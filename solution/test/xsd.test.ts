import { readFileSync } from 'node:fs';
import path from 'node:path';
import { solutionModel } from '../model';
import { customizationsXml } from '../pack/customizations';
import { ribbonDiffXml } from '../pack/customizations/ribbon';
import { serialize } from '../pack/xml';
import { stripOverlay, XSD_ATTRIBUTE_OVERLAY, XSD_OVERLAY } from '../pack/xsdOverlay';
import { REPO_ROOT, SHARED, standInInputs } from './support/artifacts';
import { validateWithXsd, XSD } from './support/xmllint';

const inputs = standInInputs();
const customizations = customizationsXml(solutionModel, inputs.siteMaps);
const managedCustomizations = customizationsXml(solutionModel, inputs.siteMaps, true);

describe('customizations.xml against Microsoft XSDs', () => {
  it.each([
    ['unmanaged', customizations],
    ['managed', managedCustomizations],
  ])(
    'validates the %s package against CustomizationsSolution.xsd once the allow-list is stripped',
    (_, xml) => {
      const result = validateWithXsd(stripOverlay(xml).xml, XSD.customizations);
      expect(result.errors).toBe('');
      expect(result.valid).toBe(true);
    },
  );

  it('needs the solutionaction attributes of the allow-list only for the diff forms of the managed package', () => {
    const { stripped } = stripOverlay(managedCustomizations);
    expect(stripped['tab@solutionaction']).toBe(3);
    expect(stripped['controlDescription@solutionaction']).toBe(2);
    expect(stripOverlay(customizations).stripped['tab@solutionaction']).toBeUndefined();
    const unexpected = [
      ...validateWithXsd(managedCustomizations, XSD.customizations).errors.matchAll(
        /Element '(\w+)', attribute '(\w+)': The attribute '\w+' is not allowed/g,
      ),
    ].map((m) => `${m[1]}@${m[2]}`);
    expect(new Set(unexpected)).toEqual(
      new Set(XSD_ATTRIBUTE_OVERLAY.map((o) => `${o.element}@${o.attribute}`)),
    );
  });

  it('fails validation with the allow-listed elements left in, so the allow-list is needed', () => {
    const result = validateWithXsd(customizations, XSD.customizations);
    expect(result.valid).toBe(false);
    const unexpected = [
      ...result.errors.matchAll(/Element '([A-Za-z_]+)': This element is not expected/g),
    ].map((m) => m[1]);
    for (const name of unexpected) expect(XSD_OVERLAY.map((o) => o.element)).toContain(name);
  });

  it('strips only allow-listed elements, each seen in a real export', () => {
    const { stripped } = stripOverlay(customizations);
    expect(Object.keys(stripped).sort()).toEqual(XSD_OVERLAY.map((o) => o.element).sort());
    for (const overlay of XSD_ATTRIBUTE_OVERLAY) expect(overlay.documentedIn).toMatch(/form-alm\.md/);
    for (const overlay of XSD_OVERLAY) {
      const exportFile = path.join(SHARED, overlay.seenIn.split(' ')[0]);
      expect(readFileSync(exportFile, 'utf8')).toContain(`<${overlay.element}>`);
    }
  });
});

describe('ribbon and SiteMap against their XSDs', () => {
  it('validates the invoice RibbonDiffXml against RibbonCore.xsd', () => {
    const ribbon = serialize(ribbonDiffXml(solutionModel.ribbon));
    expect(validateWithXsd(ribbon, XSD.ribbon)).toEqual({ valid: true, errors: '' });
  });

  it('validates the Stellarise SiteMap source against SiteMap.xsd', () => {
    const siteMap = readFileSync(path.join(REPO_ROOT, 'sitemap/stellarise.sitemap.xml'), 'utf8');
    expect(validateWithXsd(siteMap, XSD.siteMap)).toEqual({ valid: true, errors: '' });
  });

  it('validates the Sales Hub area fragment inside a SiteMap against SiteMap.xsd', () => {
    const area = readFileSync(path.join(REPO_ROOT, 'sitemap/saleshub-area.xml'), 'utf8').replace(
      /<\?xml[^>]*\?>/,
      '',
    );
    expect(validateWithXsd(`<SiteMap>${area}</SiteMap>`, XSD.siteMap)).toEqual({ valid: true, errors: '' });
  });
});
