import { readFileSync } from 'node:fs';
import path from 'node:path';
import { solutionModel } from '../model';
import { loadInputs, MissingArtifactsError } from '../pack/inputs';
import { packageEntries } from '../pack/package';
import { ModelValidationError } from '../pack/validate';
import { makeStandInArtifacts, REPO_ROOT, STAND_IN_MANIFEST, standInInputs } from './support/artifacts';

describe('reading build outputs and sources', () => {
  it('fails clearly, naming each missing build output, when the PCF and ribbon builds have not run', () => {
    const read = () =>
      loadInputs(solutionModel, { repoRoot: REPO_ROOT, artifactsDir: path.join(REPO_ROOT, 'no-such-dir') });
    expect(read).toThrow(MissingArtifactsError);
    expect(read).toThrow(
      /dist\/webresources\/stl_\/scripts\/invoiceRibbon\.js \(web resource stl_\/scripts\/invoiceRibbon\.js\)/,
    );
    expect(read).toThrow(
      /pcf\/out\/controls\/XeroStatus\/bundle\.js \(PCF control stl_Stellarise\.XeroStatus\)/,
    );
  });

  it('rejects a form binding to a property the built control manifest does not have', () => {
    const artifacts = makeStandInArtifacts(STAND_IN_MANIFEST.replace('name="xeroNumber"', 'name="number"'));
    try {
      const inputs = loadInputs(solutionModel, { repoRoot: REPO_ROOT, artifactsDir: artifacts.dir });
      expect(() => packageEntries(solutionModel, true, inputs)).toThrow(ModelValidationError);
      expect(() => packageEntries(solutionModel, true, inputs)).toThrow(
        /form invoice\/Invoice: pcf-binding-property: .*"xeroNumber"/,
      );
    } finally {
      artifacts.remove();
    }
  });

  it('rejects a SiteMap sub-area for a table the app does not include', () => {
    const inputs = standInInputs();
    const siteMaps = {
      [solutionModel.appModules[0].uniqueName]:
        '<SiteMap><Area Id="a"><Group Id="g"><SubArea Id="s" Entity="account" /></Group></Area></SiteMap>',
    };
    expect(() => packageEntries(solutionModel, true, { ...inputs, siteMaps })).toThrow(
      /SiteMap stl_StellariseConnector: reference-exists: sub-area table account/,
    );
  });

  it('packs the folder of every control in the model with every file its build wrote', () => {
    const entries = packageEntries(solutionModel, true, standInInputs()).map((e) => e.path);
    expect(entries.filter((p) => p.startsWith('Controls/'))).toEqual([
      'Controls/stl_Stellarise.XeroStatus/ControlManifest.xml',
      'Controls/stl_Stellarise.XeroStatus/bundle.js',
      'Controls/stl_Stellarise.ConnectionHealth/ControlManifest.xml',
      'Controls/stl_Stellarise.ConnectionHealth/bundle.js',
      'Controls/stl_Stellarise.XeroPanel/ControlManifest.xml',
      'Controls/stl_Stellarise.XeroPanel/bundle.js',
    ]);
  });

  it('keeps the Sales Hub fragment the same Area as the app SiteMap', () => {
    const area = (file: string) => {
      const xml = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      return (/<Area[\s\S]*<\/Area>/.exec(xml)?.[0] ?? '').replace(/\s+/g, ' ');
    };
    expect(area('sitemap/saleshub-area.xml')).not.toBe('');
    expect(area('sitemap/saleshub-area.xml')).toBe(area('sitemap/stellarise.sitemap.xml'));
  });
});
