/**
 * The files of the built solution zip, read once: the shell takes the RibbonDiffXml and the PCF
 * controls (bundle, manifest, resx) from the same package the Dataverse emulator imported, because
 * the emulator keeps neither ribbons nor custom controls as rows.
 */
import fs from 'node:fs';
import { unzipSync } from 'fflate';

export interface SolutionFiles {
  /** A file by its zip path (`customizations.xml`, `Controls/<name>/bundle.js`), or undefined. */
  get(zipPath: string): Uint8Array | undefined;
  /** The `Controls/<name>/` folders in the zip. */
  controlNames(): string[];
}

export function readSolutionFiles(zipPath: string): SolutionFiles {
  const files = unzipSync(new Uint8Array(fs.readFileSync(zipPath)));
  return {
    get: (name) => files[name],
    controlNames: () => [
      ...new Set(
        Object.keys(files)
          .filter((f) => f.startsWith('Controls/'))
          .map((f) => f.split('/')[1]),
      ),
    ],
  };
}
