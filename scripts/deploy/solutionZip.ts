/** What a solution zip says about itself (solution.xml): its unique name, version and kind. */
import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';

export interface SolutionZip {
  readonly path: string;
  readonly bytes: Buffer;
  readonly uniqueName: string;
  readonly version: string;
  readonly managed: boolean;
}

export class DeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployError';
  }
}

const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]?.trim();

export function readSolutionZip(path: string): SolutionZip {
  if (!fs.existsSync(path)) throw new DeployError(`${path} does not exist; run npm run build or pass --zip.`);
  const bytes = fs.readFileSync(path);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(bytes));
  } catch {
    throw new DeployError(`${path} is not a solution: it is not a zip file.`);
  }
  const manifest = Object.keys(files).find((f) => f.toLowerCase() === 'solution.xml');
  const customizations = Object.keys(files).find((f) => f.toLowerCase() === 'customizations.xml');
  if (!manifest || !customizations)
    throw new DeployError(
      `${path} is not a solution: it has no solution.xml and customizations.xml at its root.`,
    );
  const xml = strFromU8(files[manifest]);
  const uniqueName = tag(xml, 'UniqueName');
  const version = tag(xml, 'Version');
  if (!uniqueName || !version || !/^\d+(\.\d+){1,3}$/.test(version))
    throw new DeployError(`${path} is not a solution: solution.xml names no UniqueName and Version.`);
  return { path, bytes, uniqueName, version, managed: tag(xml, 'Managed') === '1' };
}

/** Dataverse solution versions compare part by part: 1.0.10.0 is newer than 1.0.9.0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
