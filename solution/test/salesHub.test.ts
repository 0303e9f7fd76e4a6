/**
 * @jest-environment jsdom
 *
 * Our tables inside Sales Hub, shipped in the solution the way a solution extends a first-party
 * app: the app's unique name (msdynce_saleshub) with only our components, each marked Added in
 * the managed package (CustomizationsSolution.xsd AppModuleComponentType's solutionaction), and
 * a root component of type 80 for it. The Sales Hub SiteMap is Microsoft's: that part stays a
 * configure step (docs/sales-hub.md).
 */
import { solutionModel } from '../model';
import { SALES_INVOICE_FORM } from '../model/salesForms';
import { COMPONENTS, SALES_HUB } from '../names';
import { customizationsXml } from '../pack/customizations';
import { solutionXml } from '../pack/solutionXml';
import { standInInputs } from './support/artifacts';
import { all, childrenOf, parseXml, textOf } from './support/dom';

const siteMaps = standInInputs().siteMaps;
const appNamed = (doc: Document, unique: string) =>
  all(doc, 'AppModule').find((a) => textOf(a, 'UniqueName') === unique) as Element;
const components = (app: Element) =>
  all(app, 'AppModuleComponent').map((c) => ({
    type: c.getAttribute('type'),
    key: c.getAttribute('schemaName') ?? c.getAttribute('id'),
    action: c.getAttribute('solutionaction'),
  }));

describe('Sales Hub in the package', () => {
  const managedApp = appNamed(
    parseXml(customizationsXml(solutionModel, siteMaps, true)),
    SALES_HUB.appModuleUniqueName,
  );
  const unmanagedApp = appNamed(
    parseXml(customizationsXml(solutionModel, siteMaps, false)),
    SALES_HUB.appModuleUniqueName,
  );
  const extension = solutionModel.appModuleExtensions[0];

  it("is shipped under Sales Hub's own unique name, msdynce_saleshub, as a root component of type 80", () => {
    expect(SALES_HUB.appModuleUniqueName).toBe('msdynce_saleshub');
    expect(managedApp).toBeDefined();
    const roots = all(parseXml(solutionXml(solutionModel, true)), 'RootComponent');
    expect(
      roots.some(
        (r) => r.getAttribute('type') === '80' && r.getAttribute('schemaName') === 'msdynce_saleshub',
      ),
    ).toBe(true);
  });

  it('adds each Stellarise table of the area with its forms and views, and the dashboards, every one marked Added', () => {
    const added = components(managedApp);
    const tables = added.filter((c) => c.type === '1').map((c) => c.key);
    expect(tables).toEqual(extension.tables);
    for (const table of extension.tables) {
      const forms = solutionModel.forms.filter((f) => f.table === table).length;
      const views = solutionModel.views.filter((v) => v.table === table).length;
      expect(forms).toBeGreaterThan(0);
      expect(views).toBeGreaterThan(0);
    }
    // Type 60: the tables' forms and the Stellarise dashboards, which the area's Dashboards page opens.
    expect(added.filter((c) => c.type === '60')).toHaveLength(
      solutionModel.forms.filter((f) => extension.tables.includes(f.table)).length +
        (extension.dashboards?.length ?? 0),
    );
    expect(extension.dashboards?.length).toBeGreaterThan(0);
    expect(new Set(added.map((c) => c.action))).toEqual(new Set(['Added']));
  });

  it('carries the same components unmarked in the unmanaged package', () => {
    expect(components(unmanagedApp).map((c) => [c.type, c.key])).toEqual(
      components(managedApp).map((c) => [c.type, c.key]),
    );
    expect(components(unmanagedApp).every((c) => c.action === null)).toBe(true);
  });

  it("leaves Sales Hub's roles, SiteMap and description alone", () => {
    expect(childrenOf(managedApp, 'AppModuleRoleMaps')).toHaveLength(0);
    expect(components(managedApp).some((c) => c.type === '62')).toBe(false);
    expect(childrenOf(managedApp, 'Descriptions')).toHaveLength(0);
    expect(managedApp.getElementsByTagName('LocalizedName')[0].getAttribute('description')).toBe('Sales Hub');
  });
});

describe('the Stellarise app', () => {
  const app = appNamed(parseXml(customizationsXml(solutionModel, siteMaps, true)), COMPONENTS.appModule);

  it('opens invoices on the Sales invoice form with the Xero tab, by its id', () => {
    expect(components(app)).toEqual(
      expect.arrayContaining([
        { type: '1', key: 'invoice', action: null },
        { type: '60', key: `{${SALES_INVOICE_FORM.formId}}`, action: null },
      ]),
    );
  });

  it('includes the invoice product and product tables, so their Xero tabs are reachable', () => {
    const tables = components(app)
      .filter((c) => c.type === '1')
      .map((c) => c.key);
    expect(tables).toEqual(expect.arrayContaining(['invoicedetail', 'product']));
  });
});
