import { solutionModel } from '../model';
import { unpackedFiles } from '../pack/unpacked';
import { standInInputs } from './support/artifacts';

const files = unpackedFiles(solutionModel, standInInputs());
const paths = files.map((f) => f.path);

describe('the SolutionPackager layout in dist/unpacked', () => {
  it('has Other/Solution.xml, Other/Customizations.xml and Other/Relationships.xml', () => {
    expect(paths).toEqual(
      expect.arrayContaining(['Other/Solution.xml', 'Other/Customizations.xml', 'Other/Relationships.xml']),
    );
  });

  it('has an Entity.xml, forms, views and RibbonDiff.xml for each custom table', () => {
    for (const t of solutionModel.tables.filter((x) => x.kind === 'custom')) {
      expect(paths).toContain(`Entities/${t.schemaName}/Entity.xml`);
      expect(paths.filter((p) => p.startsWith(`Entities/${t.schemaName}/FormXml/main/{`)).length).toBe(1);
      const views = solutionModel.views.filter((v) => v.table === t.logicalName).length;
      expect(views).toBeGreaterThanOrEqual(4);
      expect(paths.filter((p) => p.startsWith(`Entities/${t.schemaName}/SavedQueries/{`)).length).toBe(views);
      expect(paths).toContain(`Entities/${t.schemaName}/RibbonDiff.xml`);
    }
  });

  it('has the app, its SiteMap, web resources with .data.xml, controls and the environment variable', () => {
    expect(paths).toEqual(
      expect.arrayContaining([
        'AppModules/stl_StellariseConnector/AppModule.xml',
        'AppModuleSiteMaps/stl_StellariseConnector/AppModuleSiteMap.xml',
        'WebResources/stl_/scripts/invoiceRibbon.js',
        'WebResources/stl_/scripts/invoiceRibbon.js.data.xml',
        'Controls/stl_Stellarise.XeroStatus/ControlManifest.xml.data.xml',
        'environmentvariabledefinitions/stl_RelayUrl/environmentvariabledefinition.xml',
      ]),
    );
  });

  it('moves entities out of Other/Customizations.xml, leaving the element empty', () => {
    const other = files.find((f) => f.path === 'Other/Customizations.xml')!.data.toString('utf8');
    expect(other).toContain('<Entities />');
    expect(other).not.toContain('<attribute ');
  });

  it('writes the web resource data file without a FileName, as SolutionPackager does', () => {
    const data = files
      .find((f) => f.path === 'WebResources/stl_/icons/xero.svg.data.xml')!
      .data.toString('utf8');
    expect(data).toContain('<Name>stl_/icons/xero.svg</Name>');
    expect(data).not.toContain('<FileName>');
  });
});
