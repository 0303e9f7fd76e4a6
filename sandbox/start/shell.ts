/**
 * Starts the demo shell beside the emulators and the relay. A shell that fails to start is reported
 * and the rest of the sandbox keeps running.
 */
import { startDemoShell, type DemoShell, type DemoShellOptions } from '../shell';

export type ShellOutcome =
  | { readonly running: true; readonly shell: DemoShell }
  | { readonly running: false; readonly reason: string };

export async function startShell(options: DemoShellOptions): Promise<ShellOutcome> {
  try {
    return { running: true, shell: await startDemoShell(options) };
  } catch (error) {
    return {
      running: false,
      reason: `it did not start: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
