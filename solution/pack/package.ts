import type { SolutionModel } from '../model/types';
import { versionForFileName } from '../version';
import { contentTypesXml } from './contentTypes';
import { controlFiles } from './controlFiles';
import { customizationsXml } from './customizations';
import { controlFolder, webResourceZipPath } from './customizations/resources';
import { environmentVariablePath, environmentVariableXml } from './environmentVariables';
import type { PackageInputs } from './inputs';
import { solutionXml } from './solutionXml';
import { assertValidModel, assertValidInputs } from './validate';
import { writeZip, type ZipEntry } from './zip';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

export function zipFileName(model: SolutionModel, managed: boolean): string {
  return `${model.uniqueName}_${versionForFileName(model.version)}${managed ? '_managed' : ''}.zip`;
}

/** The zip's entries in export order: customizations.xml, [Content_Types].xml, solution.xml, then parts. */
export function packageEntries(model: SolutionModel, managed: boolean, inputs: PackageInputs): ZipEntry[] {
  assertValidModel(model);
  assertValidInputs(model, inputs);
  const parts: ZipEntry[] = [
    ...model.webResources.map((w) => ({ path: webResourceZipPath(w), data: inputs.webResources[w.name] })),
    ...model.controls.flatMap((c) =>
      controlFiles(model, c, inputs).map((f) => ({ path: `${controlFolder(c)}/${f.path}`, data: f.data })),
    ),
    ...model.environmentVariables.map((v) => ({
      path: environmentVariablePath(v),
      data: utf8(environmentVariableXml(v)),
    })),
  ];
  return [
    { path: 'customizations.xml', data: utf8(customizationsXml(model, inputs.siteMaps, managed)) },
    {
      path: '[Content_Types].xml',
      data: utf8(contentTypesXml(['customizations.xml', 'solution.xml', ...parts.map((p) => p.path)])),
    },
    { path: 'solution.xml', data: utf8(solutionXml(model, managed)) },
    ...parts,
  ];
}

export function packSolution(model: SolutionModel, managed: boolean, inputs: PackageInputs): Buffer {
  return writeZip(packageEntries(model, managed, inputs));
}
