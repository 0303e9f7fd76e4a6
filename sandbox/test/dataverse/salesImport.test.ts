/**
 * Importing into an org with Dynamics 365 Sales: the Sales forms our solution extends, Sales Hub,
 * and the MissingDependencies an org without Sales refuses. Form merging follows Microsoft Learn
 * power-platform alm/form-alm.md ("Full and differential form XML": a managed diff FormXml marks
 * its changes solutionaction Added / Removed / Modified and is merged; a full FormXml replaces the
 * form); app components follow CustomizationsSolution.xsd's AppModuleComponentType (solutionaction)
 * and powerapps-docs reference/entities/appmodulecomponent.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { solutionModel } from '../../../solution/model';
import { SALES_FORMS, SALES_INVOICE_FORM } from '../../../solution/model/salesForms';
import { COMPONENTS, SALES_HUB } from '../../../solution/names';
import { packSolution } from '../../../solution/pack/package';
import { standInInputs } from '../../../solution/test/support/artifacts';
import { stableGuid } from '../../dataverse/solution/importComponents';
import { client, startEmulator } from './helpers';

const inputs = standInInputs();
const managedZip = packSolution(solutionModel, true, inputs);
const unmanagedZip = packSolution(solutionModel, false, inputs);

type Api = ReturnType<typeof client>;
const rows = async (api: Api, query: string) => (await api('GET', query)).json().value ?? [];
const mainForms = (api: Api, table: string) =>
  rows(api, `systemforms?$select=formid,name,formxml&$filter=objecttypecode eq '${table}' and type eq 2`);
const tabNames = (formXml: unknown) =>
  [...String(formXml).matchAll(/<tab\b[^>]*\bname="([^"]+)"/g)].map((m) => m[1]);
const appComponents = async (api: Api, unique: string) =>
  rows(
    api,
    `appmodulecomponents?$select=componenttype,objectid&$filter=_appmoduleidunique_value eq ${stableGuid(`appmodule:${unique}`)}`,
  );

describe('an org with Dynamics 365 Sales, before our import', () => {
  it.each(SALES_FORMS)('has the Sales main form of $table under its own id', async (form) => {
    const { emulator, api } = await startEmulator();
    try {
      const forms = await mainForms(api, form.table);
      expect(forms.map((f) => [f.formid, f.name])).toEqual([[form.formId, form.name]]);
      expect(tabNames(forms[0].formxml)).toEqual(form.tabs.map((t) => t.name));
    } finally {
      await emulator.stop();
    }
  });

  it('has the invoice products grid on the invoice form, and the Sales Hub app', async () => {
    const { emulator, api } = await startEmulator();
    try {
      const [invoice] = await mainForms(api, 'invoice');
      expect(String(invoice.formxml)).toContain('<RelationshipName>invoice_details</RelationshipName>');
      const [hub] = await rows(api, `appmodules?$filter=uniquename eq '${SALES_HUB.appModuleUniqueName}'`);
      expect(hub.name).toBe('Sales Hub');
      expect((await appComponents(api, SALES_HUB.appModuleUniqueName)).length).toBe(6);
    } finally {
      await emulator.stop();
    }
  });
});

describe('importing the managed package', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>['emulator'];
  let api: Api;
  beforeAll(async () => {
    ({ emulator, api } = await startEmulator());
    await emulator.importSolution(managedZip);
  });
  afterAll(() => emulator.stop());

  it.each(SALES_FORMS)(
    'adds the Xero tab to the Sales form of $table and keeps its own tabs',
    async (form) => {
      const forms = await mainForms(api, form.table);
      expect(forms.map((f) => f.formid)).toEqual([form.formId]);
      expect(tabNames(forms[0].formxml)).toEqual([...form.tabs.map((t) => t.name), 'stl_xero']);
      expect(String(forms[0].formxml)).not.toContain('solutionaction');
    },
  );

  it('binds the Xero panel and status controls on the merged invoice form, beside the products grid', async () => {
    const [invoice] = await mainForms(api, 'invoice');
    const xml = String(invoice.formxml);
    expect(xml).toContain('name="stl_Stellarise.XeroPanel"');
    expect(xml).toContain('name="stl_Stellarise.XeroStatus"');
    expect(xml).toContain('invoicedetailsGrid');
  });

  it('adds one Xero tab, not two, when the same package is imported again (an upgrade)', async () => {
    await emulator.importSolution(managedZip);
    const [invoice] = await mainForms(api, 'invoice');
    expect(tabNames(invoice.formxml).filter((t) => t === 'stl_xero')).toHaveLength(1);
  });

  it('adds the Stellarise tables to Sales Hub and keeps what Sales Hub had', async () => {
    const components = await appComponents(api, SALES_HUB.appModuleUniqueName);
    const tables = components.filter((c) => c.componenttype === 1).map((c) => c.objectid);
    for (const table of [...solutionModel.appModuleExtensions[0].tables, 'invoice', 'product'])
      expect(tables).toContain(stableGuid(`entity:${table}`));
    expect(components.some((c) => c.componenttype === 60 && c.objectid === SALES_INVOICE_FORM.formId)).toBe(
      true,
    );
    const [hub] = await rows(api, `appmodules?$filter=uniquename eq '${SALES_HUB.appModuleUniqueName}'`);
    expect(hub.name).toBe('Sales Hub');
  });

  it('lists the Sales invoice form among the Stellarise app components, by its id', async () => {
    const components = await appComponents(api, COMPONENTS.appModule);
    expect(components).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ componenttype: 60, objectid: SALES_INVOICE_FORM.formId }),
      ]),
    );
  });
});

describe('importing the unmanaged package', () => {
  it('replaces the Sales invoice form with the full form it carries, Sales tabs and Xero tab', async () => {
    const { emulator, api } = await startEmulator();
    try {
      await emulator.importSolution(unmanagedZip);
      const [invoice] = await mainForms(api, 'invoice');
      expect(tabNames(invoice.formxml)).toEqual(['Summary_tab', 'details_tab', 'stl_xero']);
      expect(String(invoice.formxml)).toContain('datafieldname="totallineitemamount"');
    } finally {
      await emulator.stop();
    }
  });
});

describe('a data folder', () => {
  it('keeps the merged Sales form across a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sales-import-'));
    try {
      const first = await startEmulator({ dataDir });
      await first.emulator.importSolution(managedZip);
      await first.emulator.stop();
      const second = await startEmulator({ dataDir });
      const [invoice] = await mainForms(second.api, 'invoice');
      expect(tabNames(invoice.formxml)).toContain('stl_xero');
      await second.emulator.stop();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('MissingDependencies (reference/dataverse-solution.md §2.3)', () => {
  const needing = (table: string) =>
    zipSync({
      'solution.xml': strToU8(
        `<ImportExportXml><SolutionManifest><UniqueName>NeedsSales</UniqueName><Version>1.0.0.0</Version><Managed>1</Managed><MissingDependencies><MissingDependency><Required type="1" schemaName="${table}" displayName="Quote" solution="Sales" /><Dependent type="2" schemaName="new_x" parentSchemaName="${table}" /></MissingDependency></MissingDependencies></SolutionManifest></ImportExportXml>`,
      ),
      'customizations.xml': strToU8(
        '<ImportExportXml><Entities /><WebResources><WebResource><WebResourceId>{aaaaaaaa-0000-4000-8000-00000000abcd}</WebResourceId><Name>new_/x.js</Name><WebResourceType>3</WebResourceType></WebResource></WebResources></ImportExportXml>',
      ),
    });

  it('refuses a solution that needs a table the org does not have, naming it, and imports nothing', async () => {
    const { emulator, api } = await startEmulator();
    try {
      await expect(emulator.importSolution(needing('quote'))).rejects.toThrow(
        'The solution NeedsSales cannot be imported: some dependencies are missing. This environment has no table Quote [quote] (from Sales).',
      );
      expect(await rows(api, "solutions?$filter=uniquename eq 'NeedsSales'")).toEqual([]);
      expect(await rows(api, "webresourceset?$filter=name eq 'new_/x.js'")).toEqual([]);
    } finally {
      await emulator.stop();
    }
  });

  it('imports it when the org has the table', async () => {
    const { emulator } = await startEmulator();
    try {
      await expect(emulator.importSolution(needing('invoice'))).resolves.toMatchObject({
        uniqueName: 'NeedsSales',
      });
    } finally {
      await emulator.stop();
    }
  });
});
