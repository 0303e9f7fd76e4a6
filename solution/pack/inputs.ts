import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SolutionModel } from '../model/types';
import { fragmentOf } from './xml';

/** Everything the packer reads from disk, gathered up front so packing itself is pure. */
export interface PackageInputs {
  /** Web resource name -> file bytes. */
  readonly webResources: Readonly<Record<string, Buffer>>;
  /** Control name -> files of its built folder (paths relative to that folder). */
  readonly controls: Readonly<Record<string, readonly { path: string; data: Buffer }[]>>;
  /** App unique name -> SiteMap XML fragment. */
  readonly siteMaps: Readonly<Record<string, string>>;
}

export interface InputOptions {
  readonly repoRoot: string;
  /** Where build outputs (ribbon script, PCF out folder) are looked up; the repo root by default. */
  readonly artifactsDir?: string;
}

export class MissingArtifactsError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(
      `The solution cannot be packed: these build outputs are missing:\n${missing.map((m) => `  - ${m}`).join('\n')}\n` +
        'Run `npm run build`, which builds the PCF control and the web resources first.',
    );
  }
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      return statSync(full).isDirectory() ? filesUnder(full, rel) : [rel];
    });
}

export function loadInputs(model: SolutionModel, options: InputOptions): PackageInputs {
  const artifacts = options.artifactsDir ?? options.repoRoot;
  const missing: string[] = [];
  const webResources: Record<string, Buffer> = {};
  for (const w of model.webResources) {
    const file = path.join(w.source.from === 'artifacts' ? artifacts : options.repoRoot, w.source.path);
    if (existsSync(file)) webResources[w.name] = readFileSync(file);
    else missing.push(`${w.source.path} (web resource ${w.name})`);
  }
  const controls: Record<string, { path: string; data: Buffer }[]> = {};
  for (const c of model.controls) {
    const dir = path.join(artifacts, c.artifactsPath);
    const needed = ['ControlManifest.xml', 'bundle.js'].filter((f) => !existsSync(path.join(dir, f)));
    if (needed.length) {
      missing.push(...needed.map((f) => `${c.artifactsPath}/${f} (PCF control ${c.name})`));
      continue;
    }
    controls[c.name] = filesUnder(dir).map((rel) => ({ path: rel, data: readFileSync(path.join(dir, rel)) }));
  }
  if (missing.length) throw new MissingArtifactsError(missing);
  const siteMaps: Record<string, string> = {};
  for (const app of model.appModules) {
    siteMaps[app.uniqueName] = fragmentOf(
      readFileSync(path.join(options.repoRoot, app.siteMapSource), 'utf8'),
    );
  }
  return { webResources, controls, siteMaps };
}
