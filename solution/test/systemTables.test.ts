/**
 * @jest-environment jsdom
 *
 * The Dynamics tables as modern exports ship them (reference/dataverse-solution.md §5.5, "System
 * tables in a solution"): a shell with only our columns (solution.xml behavior 2,
 * `<entity unmodified="1">`), the Sales tables named in MissingDependencies, and the Sales main
 * forms under their own ids with our tab: a diff FormXml in the managed package, the full form in
 * the unmanaged one (Microsoft Learn, power-platform alm/form-alm.md).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { solutionModel } from '../model';
import { SALES_FORMS } from '../model/salesForms';
import { customizationsXml } from '../pack/customizations';
import { solutionXml } from '../pack/solutionXml';
import { REPO_ROOT, standInInputs } from './support/artifacts';
import { all, childrenOf, parseXml, textOf } from './support/dom';

const siteMaps = standInInputs().siteMaps;
const managed = parseXml(customizationsXml(solutionModel, siteMaps, true));
const unmanaged = parseXml(customizationsXml(solutionModel, siteMaps, false));
const manifest = parseXml(solutionXml(solutionModel, true));
const systemTables = solutionModel.tables.filter((t) => t.kind === 'system');

const entityNamed = (doc: Document, schemaName: string) =>
  childrenOf(doc.getElementsByTagName('Entities')[0], 'Entity').find(
    (e) => childrenOf(e, 'Name')[0]?.textContent === schemaName,
  ) as Element;
const formsOf = (entity: Element) => all(entity, 'systemform');
const tabNames = (form: Element) => all(form, 'tab').map((t) => t.getAttribute('name'));

describe.each(systemTables)('the Dynamics table $logicalName', (table) => {
  const entity = entityNamed(managed, table.schemaName);
  const sales = SALES_FORMS.find((f) => f.table === table.logicalName);
  if (!sales) throw new Error(`No Sales form for ${table.logicalName}`);

  it('ships as a shell: unmodified table metadata with only our columns', () => {
    const info = childrenOf(entity, 'EntityInfo')[0].getElementsByTagName('entity')[0];
    expect(info.getAttribute('unmodified')).toBe('1');
    expect(childrenOf(info, 'attributes')).toHaveLength(1);
    expect(Array.from(info.children).map((c) => c.tagName)).toEqual(['attributes']);
    expect(all(info, 'attribute').map((a) => textOf(a, 'LogicalName'))).toEqual(
      table.columns.map((c) => c.logicalName),
    );
  });

  it('is a root component with behavior 2 (only the subcomponents listed), its form beside it', () => {
    const roots = all(manifest, 'RootComponent');
    const root = roots.find((r) => r.getAttribute('schemaName') === table.logicalName);
    expect(root?.getAttribute('type')).toBe('1');
    expect(root?.getAttribute('behavior')).toBe('2');
    expect(
      roots.some((r) => r.getAttribute('type') === '60' && r.getAttribute('id') === `{${sales.formId}}`),
    ).toBe(true);
  });

  it(`ships the Sales form "${sales.name}" under its own id ${sales.formId}, and no other main form`, () => {
    const forms = formsOf(entity);
    expect(forms.map((f) => textOf(f, 'formid'))).toEqual([`{${sales.formId}}`]);
    expect(forms[0].getElementsByTagName('LocalizedName')[0].getAttribute('description')).toBe(sales.name);
    // Microsoft's description and display conditions stay as they are.
    expect(childrenOf(forms[0], 'Descriptions')).toHaveLength(0);
    expect(all(forms[0], 'DisplayConditions')).toHaveLength(0);
  });

  it('adds only the Xero tab in the managed package, marked Added (a diff FormXml)', () => {
    const [form] = formsOf(entity);
    expect(tabNames(form)).toEqual(['stl_xero']);
    expect(all(form, 'tab').map((t) => t.getAttribute('solutionaction'))).toEqual(['Added']);
    for (const d of all(form, 'controlDescription')) expect(d.getAttribute('solutionaction')).toBe('Added');
  });

  it("keeps every tab and field of the Sales form in the unmanaged package's full form, then the Xero tab", () => {
    const [form] = formsOf(entityNamed(unmanaged, table.schemaName));
    expect(tabNames(form)).toEqual([...sales.tabs.map((t) => t.name), 'stl_xero']);
    expect(all(form, 'tab').some((t) => t.hasAttribute('solutionaction'))).toBe(false);
    const fields = all(form, 'control').map((c) => c.getAttribute('datafieldname'));
    for (const column of sales.tabs.flatMap((t) => t.sections.flatMap((s) => s.columns)))
      expect(fields).toContain(column);
    for (const column of sales.header) expect(fields).toContain(column);
  });

  it('labels each field of the full form as the Sales form does', () => {
    const [form] = formsOf(entityNamed(unmanaged, table.schemaName));
    const columns = [...sales.header, ...sales.tabs.flatMap((t) => t.sections.flatMap((s) => s.columns))];
    for (const column of columns) {
      expect(sales.labels[column]).toBeTruthy();
      const cell = all(form, 'control')
        .find((c) => c.getAttribute('datafieldname') === column)
        ?.closest('cell');
      expect([column, cell?.getElementsByTagName('label')[0].getAttribute('description')]).toEqual([
        column,
        sales.labels[column],
      ]);
    }
  });
});

describe('the Xero tabs', () => {
  const xeroTab = (schemaName: string) =>
    all(formsOf(entityNamed(managed, schemaName))[0], 'tab').find(
      (t) => t.getAttribute('name') === 'stl_xero',
    ) as Element;
  const columnsOn = (tab: Element) =>
    all(tab, 'control')
      .map((c) => c.getAttribute('datafieldname'))
      .filter(Boolean);

  it('puts the Xero panel, the status control and the sync history grid on the invoice form', () => {
    const tab = xeroTab('Invoice');
    const form = tab.closest('form') as Element;
    expect(all(form, 'customControl').map((c) => c.getAttribute('name'))).toEqual(
      expect.arrayContaining(['stl_Stellarise.XeroPanel', 'stl_Stellarise.XeroStatus']),
    );
    expect(all(tab, 'RelationshipName').map((r) => r.textContent)).toEqual([
      'stl_invoice_stl_synchistory_invoiceid',
      'stl_invoice_stl_payment_invoiceid',
    ]);
  });

  it('lets the GL codes, tax rates and Xero item code be set on the product form', () => {
    expect(columnsOn(xeroTab('Product')).sort()).toEqual(
      [
        'stl_salesglcodeid',
        'stl_purchaseglcodeid',
        'stl_salestaxrateid',
        'stl_purchasetaxrateid',
        'stl_xeroitemcode',
      ].sort(),
    );
  });

  it('lets the GL code, tax rate and tracking be set on the invoice product form', () => {
    expect(columnsOn(xeroTab('InvoiceDetail'))).toEqual([
      'stl_glcodeid',
      'stl_taxrateid',
      'stl_trackingoption1id',
      'stl_trackingoption2id',
    ]);
  });
});

describe('the engineering page', () => {
  it.each(SALES_FORMS)('cites the id and the source of the $table form', (form) => {
    const page = readFileSync(path.join(REPO_ROOT, 'docs/solution-package.md'), 'utf8');
    expect(page).toContain(`\`${form.formId}\``);
    expect(page).toContain(`Form_${form.formId.replace(/-/g, '_')}`);
  });
});

describe('MissingDependencies', () => {
  const dependencies = all(manifest, 'MissingDependency');

  it('names each Sales table the package extends, with the Microsoft solution it comes with', () => {
    const required = new Map(
      dependencies
        .flatMap((d) => all(d, 'Required'))
        .map((r) => [r.getAttribute('schemaName'), [r.getAttribute('type'), r.getAttribute('solution')]]),
    );
    expect(Object.fromEntries(required)).toEqual({
      invoice: ['1', 'Sales'],
      invoicedetail: ['1', 'Sales'],
      product: ['1', 'Product Management'],
    });
  });

  it('lists every column we add to a Sales table as a dependent of that table', () => {
    const dependents = dependencies.map((d) => {
      const dependent = all(d, 'Dependent')[0];
      return `${dependent.getAttribute('parentSchemaName')}.${dependent.getAttribute('schemaName')}`;
    });
    expect(dependents.sort()).toEqual(
      systemTables.flatMap((t) => t.columns.map((c) => `${t.logicalName}.${c.logicalName}`)).sort(),
    );
  });
});
