/**
 * The PCF controls' version follows the solution version, so every solution upgrade makes
 * Dataverse load the new bundles ("the version … must at minimum have its PATCH incremented for
 * the change to be detected", Microsoft Learn code-components-alm; reference/dataverse-solution.md §5.5).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { solutionModel } from '../model';
import { withControlVersion } from '../pack/controlFiles';
import { packSolution } from '../pack/package';
import { controlVersion, SOLUTION_VERSION } from '../version';
import { REPO_ROOT, standInInputs } from './support/artifacts';
import { readZip } from './support/readZip';

const inputs = standInInputs();
const versionOf = (manifest: string) => /<control\b[^>]*\sversion="([^"]+)"/.exec(manifest)?.[1];
const compare = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
};

function shippedVersions(version: string): string[] {
  const zip = readZip(packSolution({ ...solutionModel, version }, true, inputs));
  return zip
    .filter((e) => /^Controls\/[^/]+\/ControlManifest\.xml$/.test(e.name))
    .map((e) => versionOf(e.data.toString('utf8')) ?? '');
}

describe('the control version', () => {
  it.each([
    ['1.0.0.0', '1.0.0'],
    ['1.0.0.1', '1.0.1'],
    ['1.0.1.0', '1.0.10000'],
    ['1.2.3.4', '1.2.30004'],
    ['2.0.0.0', '2.0.0'],
  ])('is %s -> %s', (solution, control) => {
    expect(controlVersion(solution)).toBe(control);
  });

  it('goes up with every solution upgrade, whichever part goes up', () => {
    const upgrades = [
      '1.0.0.0',
      '1.0.0.1',
      '1.0.0.9999',
      '1.0.1.0',
      '1.0.2.5',
      '1.1.0.0',
      '1.1.0.3',
      '2.0.0.0',
    ];
    for (let i = 1; i < upgrades.length; i++)
      expect(compare(controlVersion(upgrades[i]), controlVersion(upgrades[i - 1]))).toBeGreaterThan(0);
  });

  it('refuses a solution version it cannot map without going backwards', () => {
    expect(() => controlVersion('1.0.0')).toThrow('is not four numbers');
    expect(() => controlVersion('1.0.0.10000')).toThrow('has a revision of 10000');
  });

  it('is what every packed control manifest says, for the solution version of the build', () => {
    const shipped = shippedVersions(SOLUTION_VERSION);
    expect(shipped).toHaveLength(solutionModel.controls.length);
    expect(new Set(shipped)).toEqual(new Set([controlVersion(SOLUTION_VERSION)]));
  });

  it('changes in the packed manifests when only the solution version changes', () => {
    expect(new Set(shippedVersions('1.0.0.1'))).toEqual(new Set(['1.0.1']));
    expect(new Set(shippedVersions('1.3.0.0'))).toEqual(new Set(['1.3.0']));
  });

  it('is not maintained by hand: the sources keep a placeholder', () => {
    for (const folder of ['XeroStatus', 'ConnectionHealth', 'XeroPanel']) {
      const source = readFileSync(path.join(REPO_ROOT, 'pcf', folder, 'ControlManifest.Input.xml'), 'utf8');
      expect(versionOf(source)).toBe('0.0.0');
    }
  });

  it('replaces only the control version, not a resource version', () => {
    const manifest =
      '<manifest><control namespace="n" version="0.0.0"><resx version="1.0.0" /></control></manifest>';
    expect(withControlVersion(manifest, '4.5.6')).toBe(
      '<manifest><control namespace="n" version="4.5.6"><resx version="1.0.0" /></control></manifest>',
    );
    expect(withControlVersion('<control namespace="n">', '1.0.0')).toBe(
      '<control version="1.0.0" namespace="n">',
    );
  });
});
