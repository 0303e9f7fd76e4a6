/**
 * `npm run build`: build the PCF controls, the web resource scripts and the documentation pages,
 * then pack the Dataverse solution (both zips and dist/unpacked/) and print a summary with the
 * bundle sizes against their limits.
 */
import path from 'node:path';
import { solutionModel } from '../solution/model';
import { buildSolution, type BuiltSolution } from '../solution/pack/build';
import { printSummary } from '../solution/pack/summary';
import { buildDocs } from './build-docs';
import { buildPcf } from './build-pcf';
import { buildWebResources } from './build-webresources';

export { printSummary };

const repoRoot = path.resolve(__dirname, '..');

/** Size limits: a PCF bundle loads with the form, a ribbon script with the command bar. */
export const BUNDLE_LIMITS = { pcfBytes: 60 * 1024, scriptBytes: 20 * 1024 } as const;

export interface BundleSize {
  readonly name: string;
  readonly bytes: number;
  readonly limitBytes: number;
}

export interface Built extends BuiltSolution {
  readonly bundles: readonly BundleSize[];
}

export async function build(): Promise<Built> {
  const controls = await buildPcf();
  const scripts = await buildWebResources();
  await buildDocs();
  const bundles: BundleSize[] = [
    ...controls.map((c) => ({ name: c.control, bytes: c.bundleBytes, limitBytes: BUNDLE_LIMITS.pcfBytes })),
    ...scripts.map((s) => ({ name: s.name, bytes: s.bytes, limitBytes: BUNDLE_LIMITS.scriptBytes })),
  ];
  const solution = buildSolution(solutionModel, { repoRoot, outDir: path.join(repoRoot, 'dist') });
  return { ...solution, bundles };
}

export function relativeToRepo(file: string): string {
  return path.relative(repoRoot, file).split(path.sep).join('/');
}

/** One line per bundle: its size, its limit and whether it fits. */
export function bundleLines(bundles: readonly BundleSize[]): string[] {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return bundles.map(
    (b) =>
      `  bundle: ${b.name} ${kb(b.bytes)} of ${kb(b.limitBytes)}${b.bytes > b.limitBytes ? ' (OVER THE LIMIT)' : ''}`,
  );
}

if (require.main === module) {
  build().then(
    (built) => {
      printSummary(solutionModel, [
        relativeToRepo(built.unmanagedZip),
        relativeToRepo(built.managedZip),
        `${relativeToRepo(built.unpackedDir)}/`,
      ]);
      console.log(bundleLines(built.bundles).join('\n'));
      if (built.bundles.some((b) => b.bytes > b.limitBytes)) process.exit(1);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
