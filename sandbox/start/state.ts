/**
 * `.sandbox/state.json`: how a second terminal finds the running sandbox (URLs and the emulator's
 * credentials). start.ts writes it once everything listens and removes it on stop.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface SandboxState {
  readonly pid: number;
  readonly startedAt: string;
  readonly dataverse: {
    readonly url: string;
    readonly tenantId: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly tokenEndpoint: string;
    /** POST here for a token of the demo user, who queues syncs as the ribbon does. */
    readonly userTokenUrl: string;
  };
  readonly xero: {
    readonly url: string;
    readonly apiBasePath: string;
    readonly tenantId: string;
    readonly tenantName: string;
    readonly consentUrl: string;
  };
  readonly relay: { readonly url: string };
  /** The demo shell (issue 7); null until it is part of the sandbox. */
  readonly shell: { readonly url: string | null; readonly port: number };
  readonly connectionId: string;
}

export const STATE_FILE = 'state.json';

export function writeState(dataDir: string, state: SandboxState): string {
  const file = path.join(dataDir, STATE_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  return file;
}

export function readState(dataDir: string): SandboxState | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, STATE_FILE), 'utf8')) as SandboxState;
  } catch {
    return null;
  }
}

/** Removes the file only if this process wrote it (a second sandbox may have replaced it). */
export function removeState(dataDir: string, pid: number): void {
  const current = readState(dataDir);
  if (current && current.pid === pid) fs.rmSync(path.join(dataDir, STATE_FILE), { force: true });
}
