/**
 * @jest-environment jsdom
 *
 * What deleting a row does (reference/dataverse-solution.md §5.5, "Cascade on delete"): a lookup
 * from a Dynamics table to ours never cascades a delete onto the Dynamics row, and sync history
 * and payments are never deleted with anything.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { solutionModel } from '../model';
import { DELETE_BEHAVIOUR } from '../model/relationships';
import { LOOKUPS, SYSTEM_TABLES, TABLES } from '../names';
import { customizationsXml } from '../pack/customizations';
import { REPO_ROOT, standInInputs } from './support/artifacts';
import { all, parseXml, textOf } from './support/dom';

const systemTables = new Set<string>(Object.values(SYSTEM_TABLES).map((t) => t.logicalName));
const records = new Set<string>([TABLES.syncHistory.logicalName, TABLES.payment.logicalName]);
const doc = parseXml(customizationsXml(solutionModel, standInInputs().siteMaps));
const shipped = new Map(
  all(doc, 'EntityRelationship').map((r) => [r.getAttribute('Name'), textOf(r, 'CascadeDelete')]),
);

describe('delete behaviour of every relationship', () => {
  it('chooses one for every lookup of the model, and none for a lookup that does not exist', () => {
    const lookups = LOOKUPS.map((l) => `${l.table}.${l.column}`).sort();
    expect(Object.keys(DELETE_BEHAVIOUR).sort()).toEqual(lookups);
    for (const b of Object.values(DELETE_BEHAVIOUR)) expect(b.why.length).toBeGreaterThan(20);
  });

  it.each(solutionModel.relationships.filter((r) => systemTables.has(r.referencingTable)))(
    'never deletes a Dynamics row through $name',
    (r) => {
      expect(r.cascadeDelete).not.toBe('Cascade');
      expect(shipped.get(r.name)).toBe(r.cascadeDelete);
    },
  );

  it.each(solutionModel.relationships.filter((r) => records.has(r.referencingTable)))(
    'keeps sync history and payments, or refuses the delete, through $name',
    (r) => {
      expect(['RemoveLink', 'Restrict']).toContain(r.cascadeDelete);
      expect(shipped.get(r.name)).toBe(r.cascadeDelete);
    },
  );

  it('refuses to delete a connection or an invoice that has Xero payments', () => {
    const payment = solutionModel.relationships.filter(
      (r) => r.referencingTable === TABLES.payment.logicalName,
    );
    expect(payment.map((r) => [r.referencedTable, r.cascadeDelete]).sort()).toEqual([
      [SYSTEM_TABLES.invoice.logicalName, 'Restrict'],
      [TABLES.connection.logicalName, 'Restrict'],
    ]);
  });

  it('ships exactly the chosen behaviour for each relationship', () => {
    expect(shipped.size).toBe(solutionModel.relationships.length);
    for (const r of solutionModel.relationships) expect(shipped.get(r.name)).toBe(r.cascadeDelete);
  });

  it('is documented, relationship by relationship, in docs/solution-package.md', () => {
    const page = readFileSync(path.join(REPO_ROOT, 'docs/solution-package.md'), 'utf8');
    for (const r of solutionModel.relationships)
      expect(page).toContain(`| \`${r.referencingTable}.${r.lookupColumn}\` | ${r.cascadeDelete} |`);
  });
});
