/**
 * Bundles every web resource script with esbuild into dist/webresources/<web resource name>,
 * the path the packer reads and the name Dataverse stores (e.g. stl_/scripts/invoiceRibbon.js).
 */
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
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
  {
    name: COMPONENTS.connectionCommandsScript,
    entry: 'webresources/scripts/connectionCommands.ts',
    globalName: 'StellariseConnection',
  },
];

async function bundle(script: WebResourceScript): Promise<BuiltWebResource> {
  const file = path.join(WEB_RESOURCES_OUT_DIR, ...script.name.split('/'));
  let contents: Uint8Array;
  try {
    const result = await build({
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
      write: false,
    });
    contents = result.outputFiles[0].contents;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`Web resource ${script.name} (${script.entry}) failed to bundle: ${detail}`);
  }
  // Write then rename, so a packer reading the file never sees a half-written one from a parallel build.
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, contents);
  renameSync(partial, file);
  return { name: script.name, file, bytes: contents.byteLength };
}

/** Bundles every web resource script; the result lists each one's name, file and size. */
export async function buildWebResources(): Promise<BuiltWebResource[]> {
  return Promise.all(WEB_RESOURCE_SCRIPTS.map(bundle));
}

if (require.main === module) {
  buildWebResources().then(
    (built) => console.log(JSON.stringify(built, null, 2)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
