/**
 * Builds the solution only when it has to: when the managed zip is missing, or when a source file
 * that goes into it is newer than the zip. A re-run with nothing changed costs one directory walk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SOLUTION } from '../../solution/names';
import { versionForFileName } from '../../solution/version';

export const REPO_ROOT = path.resolve(__dirname, '../..');
/** The managed zip of the current solution version (the build names it after the version). */
export const MANAGED_ZIP = path.join(
  REPO_ROOT,
  'dist',
  `${SOLUTION.uniqueName}_${versionForFileName()}_managed.zip`,
);

/** What the package is built from (relative to the repo). */
const SOURCE_DIRS = ['solution', 'sitemap', 'webresources', 'pcf', 'docs', 'scripts/build.ts'];
const SKIPPED = new Set(['node_modules', 'out', 'obj', 'generated', 'test', 'dist']);

function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) {
    if (SKIPPED.has(child)) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** Why a build is needed, or null when the zip is up to date. */
export function buildReason(repoRoot = REPO_ROOT, zip = MANAGED_ZIP): string | null {
  if (!fs.existsSync(zip)) return `${path.relative(repoRoot, zip)} does not exist yet`;
  const zipTime = fs.statSync(zip).mtimeMs;
  const newest = Math.max(...SOURCE_DIRS.map((d) => newestMtime(path.join(repoRoot, d))));
  return newest > zipTime ? 'sources changed since the last build' : null;
}

export type BuildPolicy = 'if-needed' | 'if-missing';

export async function buildIfNeeded(
  log: (line: string) => void,
  policy: BuildPolicy = 'if-needed',
): Promise<string> {
  const reason = policy === 'if-missing' && fs.existsSync(MANAGED_ZIP) ? null : buildReason();
  if (!reason) return MANAGED_ZIP;
  log(`Building the solution (${reason})…`);
  const { build } = await import('../../scripts/build');
  const built = await build();
  return built.managedZip;
}
