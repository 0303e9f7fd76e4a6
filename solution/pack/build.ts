import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SolutionModel } from '../model/types';
import { loadInputs } from './inputs';
import { packSolution, zipFileName } from './package';
import { unpackedFiles } from './unpacked';

export interface BuildSolutionOptions {
  readonly repoRoot: string;
  readonly outDir: string;
  readonly artifactsDir?: string;
}

export interface BuiltSolution {
  readonly unmanagedZip: string;
  readonly managedZip: string;
  readonly unpackedDir: string;
}

/** Packs both zips and the SolutionPackager layout into outDir. */
export function buildSolution(model: SolutionModel, options: BuildSolutionOptions): BuiltSolution {
  const inputs = loadInputs(model, options);
  mkdirSync(options.outDir, { recursive: true });
  const unmanagedZip = path.join(options.outDir, zipFileName(model, false));
  const managedZip = path.join(options.outDir, zipFileName(model, true));
  writeFileSync(unmanagedZip, packSolution(model, false, inputs));
  writeFileSync(managedZip, packSolution(model, true, inputs));
  const unpackedDir = path.join(options.outDir, 'unpacked');
  rmSync(unpackedDir, { recursive: true, force: true });
  for (const f of unpackedFiles(model, inputs)) {
    const target = path.join(unpackedDir, ...f.path.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, f.data);
  }
  return { unmanagedZip, managedZip, unpackedDir };
}
