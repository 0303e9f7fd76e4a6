/**
 * Bundles every web resource script with esbuild into dist/webresources/<web resource name>,
 * the path the packer reads and the name Dataverse stores (e.g. stl_/scripts/invoiceRibbon.js).
 */
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { COMPONENTS } from '../solution/names';

export interface BuiltWebResource {
  /** The web resource name in Dataverse. */
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
}

interface WebResourceScript {
  readonly name: string;
  /** Entry point, relative to the repository root. */
  readonly entry: string;
  /** The global the ribbon and form event handlers call, e.g. StellariseRibbon.syncToXero. */
  readonly globalName: string;
}

const REPO_ROOT = path.resolve(__dirname, '..');
export const WEB_RESOURCES_OUT_DIR = path.join(REPO_ROOT, 'dist', 'webresources');

export const WEB_RESOURCE_SCRIPTS: readonly WebResourceScript[] = [
  {
    name: COMPONENTS.invoiceRibbonScript,
    entry: 'webresources/scripts/invoiceRibbon.ts',
    globalName: 'StellariseRibbon',
  },
];

async function bundle(script: WebResourceScript): Promise<BuiltWebResource> {
  const file = path.join(WEB_RESOURCES_OUT_DIR, ...script.name.split('/'));
  try {
    await build({
      entryPoints: [path.join(REPO_ROOT, script.entry)],
      outfile: file,
      bundle: true,
      format: 'iife',
      globalName: script.globalName,
      platform: 'browser',
      // Unified Interface supports evergreen browsers only; es2019 keeps the output plain.
      target: 'es2019',
      minify: true,
      legalComments: 'none',
      charset: 'utf8',
      logLevel: 'silent',
      write: true,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`Web resource ${script.name} (${script.entry}) failed to bundle: ${detail}`);
  }
  return { name: script.name, file, bytes: statSync(file).size };
}

/** Bundles every web resource script; the result lists each one's name, file and size. */
export async function buildWebResources(): Promise<BuiltWebResource[]> {
  return Promise.all(WEB_RESOURCE_SCRIPTS.map(bundle));
}
