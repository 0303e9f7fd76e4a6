/** The solution version: the one place it is written. Zip names and solution.xml derive from it. */
export const SOLUTION_VERSION = '1.0.0.0';

/** `1.0.0.0` -> `1_0_0_0`, as Dataverse names exported zips. */
export function versionForFileName(version: string = SOLUTION_VERSION): string {
  return version.replace(/\./g, '_');
}
