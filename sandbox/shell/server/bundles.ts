/**
 * The browser code, bundled once per process with esbuild (in memory): the shell itself, and the
 * PCF platform libraries (React 16 and Fluent 8 from node_modules) exposed under the global names
 * pcf-scripts externalises them to (`Reactv16`, `FluentUIReactv8290`), so the real control bundles
 * find them exactly as they would in a model-driven app.
 */
import path from 'node:path';
import { build } from 'esbuild';

export interface ShellBundles {
  shellJs: string;
  platformJs: string;
}

const SHELL_DIR = path.join(__dirname, '..');

async function bundle(entry: string, minify: boolean): Promise<string> {
  const result = await build({
    entryPoints: [path.join(SHELL_DIR, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

let cached: Promise<ShellBundles> | undefined;

export function shellBundles(): Promise<ShellBundles> {
  cached ??= Promise.all([bundle('app/main.ts', false), bundle('pcf/platformLibraries.ts', true)]).then(
    ([shellJs, platformJs]) => ({ shellJs, platformJs }),
  );
  return cached;
}
