/** The solution version: the one place it is written. Zip names, solution.xml and the PCF control versions derive from it. */
export const SOLUTION_VERSION = '1.0.0.0';

/** `1.0.0.0` -> `1_0_0_0`, as Dataverse names exported zips. */
export function versionForFileName(version: string = SOLUTION_VERSION): string {
  return version.replace(/\./g, '_');
}

/** The largest build and revision part that folds into a control's patch number. */
const REVISION_LIMIT = 10_000;

/**
 * A PCF control's version (MAJOR.MINOR.PATCH) for a solution version. Dataverse loads a new
 * bundle only when the control's version goes up (reference/dataverse-solution.md §5.5), so the
 * mapping is strictly increasing: `a.b.c.d` -> `a.b.(c*10000+d)`; 1.0.0.0 -> 1.0.0,
 * 1.0.0.1 -> 1.0.1, 1.0.1.0 -> 1.0.10000, 1.1.0.0 -> 1.1.0.
 */
export function controlVersion(version: string = SOLUTION_VERSION): string {
  const parts = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!parts) throw new Error(`The solution version "${version}" is not four numbers (a.b.c.d).`);
  const [major, minor, build, revision] = parts.slice(1).map(Number);
  if (revision >= REVISION_LIMIT)
    throw new Error(
      `The solution version "${version}" has a revision of ${revision}; the control version folds revisions below ${REVISION_LIMIT} only.`,
    );
  return `${major}.${minor}.${build * REVISION_LIMIT + revision}`;
}
