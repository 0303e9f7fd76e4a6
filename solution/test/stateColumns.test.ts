/** @jest-environment jsdom */
import { solutionModel } from '../model';
import { TABLES } from '../names';
import { customizationsXml } from '../pack/customizations';
import { all, parseXml, textOf } from './support/dom';
import { standInInputs } from './support/artifacts';

const doc = parseXml(customizationsXml(solutionModel, standInInputs().siteMaps));

describe('state columns of the custom tables', () => {
  it('lets the Web API update statecode and statuscode, so rows can be deactivated', () => {
    const stateColumns = all(doc, 'attribute').filter((a) =>
      ['statecode', 'statuscode'].includes(textOf(a, 'LogicalName') ?? ''),
    );
    expect(stateColumns.length).toBe(2 * Object.keys(TABLES).length);
    for (const column of stateColumns) expect(textOf(column, 'ValidForUpdateApi')).toBe('1');
  });
});
