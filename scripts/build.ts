/**
 * `npm run build`: build the PCF controls, the web resource scripts and the documentation pages
 * (their own build functions, when present), then pack the Dataverse solution: both zips and dist/unpacked/, and print a summary.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { solutionModel } from '../solution/model';
import { buildSolution, type BuiltSolution } from '../solution/pack/build';
import { printSummary } from '../solution/pack/summary';

export { printSummary };

const repoRoot = path.resolve(__dirname, '..');

/** Calls `scripts/<file>.ts`'s exported builder if that part of the product provides one. */
async function runPartBuild(file: string, exportName: string): Promise<void> {
  if (!existsSync(path.join(__dirname, `${file}.ts`))) return;
  const mod = (await import(`./${file}`)) as Record<string, unknown>;
  const fn = mod[exportName];
  if (typeof fn !== 'function') throw new Error(`scripts/${file}.ts does not export ${exportName}()`);
  await (fn as () => Promise<void>)();
}

export async function build(): Promise<BuiltSolution> {
  await runPartBuild('build-pcf', 'buildPcf');
  await runPartBuild('build-webresources', 'buildWebResources');
  await runPartBuild('build-docs', 'buildDocs');
  return buildSolution(solutionModel, { repoRoot, outDir: path.join(repoRoot, 'dist') });
}

export function relativeToRepo(file: string): string {
  return path.relative(repoRoot, file).split(path.sep).join('/');
}

if (require.main === module) {
  build().then(
    (built) => {
      printSummary(solutionModel, [
        relativeToRepo(built.unmanagedZip),
        relativeToRepo(built.managedZip),
        `${relativeToRepo(built.unpackedDir)}/`,
      ]);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
