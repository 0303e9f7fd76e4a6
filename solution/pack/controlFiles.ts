import type { PcfControl, SolutionModel } from '../model/types';
import { controlVersion } from '../version';
import type { PackageInputs } from './inputs';

export const MANIFEST_FILE = 'ControlManifest.xml';

/** The manifest with its `<control version>` set (or added); the rest of the file is untouched. */
export function withControlVersion(manifestXml: string, version: string): string {
  const opening = /<control\b[^>]*>/.exec(manifestXml);
  if (!opening) throw new Error('The control manifest has no <control> element.');
  const tag = opening[0];
  const versioned = /\sversion="[^"]*"/.test(tag)
    ? tag.replace(/\sversion="[^"]*"/, ` version="${version}"`)
    : tag.replace(/^<control\b/, `<control version="${version}"`);
  return manifestXml.replace(tag, versioned);
}

/**
 * A control's files as the package ships them: the built folder, with the manifest's control
 * version derived from the solution version, so every solution upgrade makes Dataverse load the
 * new bundle. The manifests in pcf/ keep a placeholder version.
 */
export function controlFiles(
  model: SolutionModel,
  control: PcfControl,
  inputs: PackageInputs,
): { path: string; data: Buffer }[] {
  const version = controlVersion(model.version);
  return inputs.controls[control.name].map((f) =>
    f.path === MANIFEST_FILE
      ? { path: f.path, data: Buffer.from(withControlVersion(f.data.toString('utf8'), version), 'utf8') }
      : f,
  );
}
