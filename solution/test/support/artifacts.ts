import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { solutionModel } from '../../model';
import { ARTIFACT_PATHS } from '../../model/platform';
import { loadInputs, type PackageInputs } from '../../pack/inputs';

export const REPO_ROOT = path.join(__dirname, '../../..');
export const SHARED = path.join(REPO_ROOT, '../shared');

/** Tiny stand-ins for the PCF and ribbon build outputs, so these tests do not depend on those builds. */
export const STAND_IN_MANIFEST = `<?xml version="1.0" encoding="utf-8"?>
<manifest><control namespace="Stellarise" constructor="XeroStatus" version="1.0.0" display-name-key="XeroStatus" description-key="XeroStatus" control-type="virtual">
<property name="syncStatus" display-name-key="s" of-type="OptionSet" usage="bound" required="true" />
<property name="xeroNumber" display-name-key="n" of-type="SingleLine.Text" usage="input" />
<property name="lastSyncedOn" display-name-key="l" of-type="DateAndTime.DateAndTime" usage="input" />
<resources><code path="bundle.js" order="1" /></resources></control></manifest>`;

export function makeStandInArtifacts(manifest = STAND_IN_MANIFEST): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stl-artifacts-'));
  const script = path.join(dir, ARTIFACT_PATHS.ribbonScript);
  mkdirSync(path.dirname(script), { recursive: true });
  writeFileSync(
    script,
    'var StellariseRibbon = { syncToXero: function () {}, syncSelected: function () {} };\n',
  );
  const control = path.join(dir, ARTIFACT_PATHS.xeroStatusControl);
  mkdirSync(control, { recursive: true });
  writeFileSync(path.join(control, 'ControlManifest.xml'), manifest);
  writeFileSync(path.join(control, 'bundle.js'), 'var pcf_tools_652ac3f36e1e4bca82eb3c1dc44e6fad;\n');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Inputs for the real model with stand-in build outputs. */
export function standInInputs(): PackageInputs {
  const artifacts = makeStandInArtifacts();
  try {
    return loadInputs(solutionModel, { repoRoot: REPO_ROOT, artifactsDir: artifacts.dir });
  } finally {
    artifacts.remove();
  }
}
