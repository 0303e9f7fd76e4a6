import { ALTERNATE_KEYS, CHOICES, COLUMNS, COMPONENTS, LOOKUPS, SYSTEM_TABLES, TABLES } from '../names';
import { solutionModel } from '../model';
import { columnsOf, tableOf } from '../pack/lookup';

const tableKeyOf: Record<string, string> = {
  ...Object.fromEntries(Object.entries(TABLES).map(([k, t]) => [k, t.logicalName])),
  invoice: SYSTEM_TABLES.invoice.logicalName,
  invoiceDetail: SYSTEM_TABLES.invoiceDetail.logicalName,
  product: SYSTEM_TABLES.product.logicalName,
};
const sorted = (xs: Iterable<string>) => [...xs].sort();

describe('names.ts and the solution model agree', () => {
  it('has a table in the model for every table in names.ts, and no other custom table', () => {
    const custom = solutionModel.tables.filter((t) => t.kind === 'custom');
    expect(sorted(custom.map((t) => t.logicalName))).toEqual(
      sorted(Object.values(TABLES).map((t) => t.logicalName)),
    );
    for (const t of custom)
      expect(t.kind === 'custom' && t.entitySet).toBe(
        Object.values(TABLES).find((n) => n.logicalName === t.logicalName)?.entitySet,
      );
  });

  it.each(Object.keys(COLUMNS))('has exactly the columns names.ts lists for %s', (key) => {
    const table = tableOf(solutionModel, tableKeyOf[key]);
    expect(table).toBeDefined();
    const names = Object.values(COLUMNS[key as keyof typeof COLUMNS]) as string[];
    expect(sorted(columnsOf(table!).map((c) => c.logicalName))).toEqual(sorted(names));
  });

  it('has every choice of names.ts with the same values, and no other', () => {
    expect(sorted(solutionModel.choices.map((c) => c.name))).toEqual(
      sorted(Object.values(CHOICES).map((c) => c.name)),
    );
    for (const c of Object.values(CHOICES)) {
      const model = solutionModel.choices.find((m) => m.name === c.name);
      expect(model?.options.map((o) => o.value)).toEqual(Object.values(c.values));
    }
  });

  it('has one relationship per lookup of names.ts, with its navigation property and target', () => {
    expect(
      solutionModel.relationships.map((r) => [
        r.name,
        r.referencingTable,
        r.lookupColumn,
        r.navigationProperty,
        r.referencedTable,
      ]),
    ).toEqual(LOOKUPS.map((l) => [l.relationship, l.table, l.column, l.navigationProperty, l.target]));
    for (const l of LOOKUPS) {
      const column = columnsOf(tableOf(solutionModel, l.table)!).find((c) => c.logicalName === l.column);
      expect(column).toMatchObject({ type: 'lookup', target: l.target, schemaName: l.navigationProperty });
    }
  });

  it('has the alternate keys of names.ts', () => {
    expect(solutionModel.alternateKeys.map((k) => [k.table, k.name, k.columns])).toEqual(
      ALTERNATE_KEYS.map((k) => [k.table, k.name, k.columns]),
    );
  });

  it('ships every named component of names.ts', () => {
    const m = solutionModel;
    expect(m.environmentVariables.map((v) => v.schemaName)).toEqual([COMPONENTS.relayUrlVariable]);
    expect(m.serviceEndpoints.map((s) => s.name)).toEqual([COMPONENTS.webhookEndpoint]);
    expect(m.steps.map((s) => s.name)).toEqual([COMPONENTS.webhookStep]);
    expect(m.appModules.map((a) => a.uniqueName)).toEqual([COMPONENTS.appModule]);
    expect(sorted(m.roles.map((r) => r.name))).toEqual(sorted([COMPONENTS.adminRole, COMPONENTS.userRole]));
    expect(m.fieldSecurityProfiles.map((p) => p.name)).toEqual([COMPONENTS.nonceFieldSecurityProfile]);
    expect(m.controls.map((c) => c.name)).toEqual([
      COMPONENTS.xeroStatusControl,
      COMPONENTS.connectionHealthControl,
      COMPONENTS.xeroPanelControl,
    ]);
    const named = m.webResources.map((w) => w.name).filter((n) => !n.startsWith('stl_/docs/'));
    expect(sorted(named)).toEqual(
      sorted([COMPONENTS.invoiceRibbonScript, COMPONENTS.connectionCommandsScript, COMPONENTS.xeroIcon]),
    );
    expect(m.webResources.map((w) => w.name)).toContain(COMPONENTS.docsPage);
    for (const control of [
      COMPONENTS.xeroStatusControl,
      COMPONENTS.connectionHealthControl,
      COMPONENTS.xeroPanelControl,
    ])
      expect(control.startsWith(`stl_${COMPONENTS.pcfNamespace}.`)).toBe(true);
  });
});
