import type { SolutionModel } from '../model/types';
import { COMPONENT_TYPE } from './componentType';
import { el, type XmlElement } from './xml';

/**
 * `<MissingDependencies>`: the Dynamics 365 Sales components the package needs and does not
 * bring, one entry per dependent component, in the shape of the Contoso export
 * (reference/dataverse-solution.md §2.3): `<Required type schemaName displayName solution/>` and
 * `<Dependent …/>`. An org without Sales then refuses the import naming what is missing, instead
 * of failing on the first column it cannot add to a table it does not have. (Sales Hub, whose
 * components we extend, comes with the same Sales apps, so the tables stand for it.)
 */
export function missingDependenciesXml(model: SolutionModel): XmlElement {
  const T = COMPONENT_TYPE;
  const entries: XmlElement[] = [];
  for (const table of model.tables) {
    if (table.kind !== 'system') continue;
    const required = el('Required', {
      type: T.entity,
      schemaName: table.logicalName,
      displayName: table.displayName,
      solution: table.solution,
    });
    for (const column of table.columns) {
      entries.push(
        el('MissingDependency', {}, [
          required,
          el('Dependent', {
            type: T.attribute,
            schemaName: column.logicalName,
            displayName: column.displayName,
            parentSchemaName: table.logicalName,
            parentDisplayName: table.displayName,
          }),
        ]),
      );
    }
  }
  return el('MissingDependencies', {}, entries);
}
