import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { solutionModel } from '../../model';
import { COMPONENTS } from '../../names';
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

export const STAND_IN_CONNECTION_HEALTH_MANIFEST = `<?xml version="1.0" encoding="utf-8"?>
<manifest><control namespace="Stellarise" constructor="ConnectionHealth" version="1.0.0" display-name-key="ConnectionHealth" description-key="ConnectionHealth" control-type="virtual">
<property name="status" display-name-key="s" of-type="OptionSet" usage="bound" required="true" />
<property name="connectionName" display-name-key="c" of-type="SingleLine.Text" usage="input" />
<property name="tenantName" display-name-key="t" of-type="SingleLine.Text" usage="input" />
<property name="refreshDeadline" display-name-key="r" of-type="DateAndTime.DateAndTime" usage="input" />
<property name="dailyCallsLeft" display-name-key="d" of-type="Whole.None" usage="input" />
<property name="lastRefreshOn" display-name-key="l" of-type="DateAndTime.DateAndTime" usage="input" />
<property name="lastError" display-name-key="e" of-type="Multiple" usage="input" />
<resources><code path="bundle.js" order="1" /></resources></control></manifest>`;

export const STAND_IN_XERO_PANEL_MANIFEST = `<?xml version="1.0" encoding="utf-8"?>
<manifest><control namespace="Stellarise" constructor="XeroPanel" version="1.0.0" display-name-key="XeroPanel" description-key="XeroPanel" control-type="virtual">
<property name="syncStatus" display-name-key="s" of-type="OptionSet" usage="bound" required="true" />
<resources><code path="bundle.js" order="1" /></resources></control></manifest>`;

/**
 * Stand-ins for every build output the model reads: each artifacts web resource and each control.
 * `xeroStatusManifest` replaces the XeroStatus manifest, to test what the packer does with a bad one.
 */
export function makeStandInArtifacts(xeroStatusManifest = STAND_IN_MANIFEST): {
  dir: string;
  remove: () => void;
} {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stl-artifacts-'));
  for (const w of solutionModel.webResources.filter((r) => r.source.from === 'artifacts')) {
    const script = path.join(dir, w.source.path);
    mkdirSync(path.dirname(script), { recursive: true });
    writeFileSync(script, `var StandIn = { script: ${JSON.stringify(w.name)} };\n`);
  }
  const manifests: Record<string, string> = {
    [COMPONENTS.xeroStatusControl]: xeroStatusManifest,
    [COMPONENTS.connectionHealthControl]: STAND_IN_CONNECTION_HEALTH_MANIFEST,
    [COMPONENTS.xeroPanelControl]: STAND_IN_XERO_PANEL_MANIFEST,
  };
  for (const c of solutionModel.controls) {
    const manifest = manifests[c.name];
    if (!manifest) throw new Error(`test support: no stand-in manifest for control ${c.name}`);
    const control = path.join(dir, c.artifactsPath);
    mkdirSync(control, { recursive: true });
    writeFileSync(path.join(control, 'ControlManifest.xml'), manifest);
    writeFileSync(path.join(control, 'bundle.js'), 'var pcf_tools_652ac3f36e1e4bca82eb3c1dc44e6fad;\n');
  }
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
