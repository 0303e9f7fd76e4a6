/**
 * The demo shell's slot (issue 7): when `sandbox/shell/index.ts` exports `startDemoShell`, the
 * sandbox starts it on its port with the URLs below; until then the sandbox prints where it will
 * be. A shell that fails to start is reported and the rest of the sandbox keeps running.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ShellStartOptions {
  port: number;
  dataverseUrl: string;
  xeroUrl: string;
  relayUrl: string;
  solutionZip: string;
}

export interface RunningShell {
  url: string;
  stop(): Promise<void>;
}

interface ShellModule {
  startDemoShell?: (options: ShellStartOptions) => Promise<RunningShell>;
}

const SHELL_ENTRY = path.resolve(__dirname, '../shell/index.ts');

export type ShellOutcome =
  | { readonly running: true; readonly shell: RunningShell }
  | { readonly running: false; readonly reason: string };

export async function startShellIfPresent(options: ShellStartOptions): Promise<ShellOutcome> {
  if (!fs.existsSync(SHELL_ENTRY)) return { running: false, reason: 'not part of this version yet' };
  try {
    const entry: string = SHELL_ENTRY;
    const mod = (await import(entry)) as ShellModule;
    if (typeof mod.startDemoShell !== 'function')
      return { running: false, reason: 'sandbox/shell/index.ts does not export startDemoShell yet' };
    return { running: true, shell: await mod.startDemoShell(options) };
  } catch (error) {
    return {
      running: false,
      reason: `it did not start: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
