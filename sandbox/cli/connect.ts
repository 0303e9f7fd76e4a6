/**
 * Finds the running sandbox through .sandbox/state.json and talks to its Dataverse emulator as the
 * demo user (the identity the ribbon runs under), with the relay's own Web API client.
 */
import path from 'node:path';
import { DataverseHttpClient, type DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import { StaticTokenProvider } from '../../plugins-proxy/src/adapters/dataverse/tokenProvider';
import { readState, type SandboxState } from '../start/state';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface SandboxSession {
  readonly state: SandboxState;
  readonly dataverse: DataverseClient;
}

export const DEFAULT_DATA_DIR = path.resolve(__dirname, '../../.sandbox');

const NOT_RUNNING = 'The sandbox is not running: start it with `npm start` in another terminal.';

export async function connectToSandbox(dataDir = DEFAULT_DATA_DIR): Promise<SandboxSession> {
  const state = readState(dataDir);
  if (!state) throw new CliError(NOT_RUNNING, 1);
  let token: string;
  try {
    const reply = await fetch(state.dataverse.userTokenUrl, { method: 'POST', body: '{}' });
    if (!reply.ok) throw new Error(`HTTP ${reply.status}`);
    token = String(((await reply.json()) as { access_token: string }).access_token);
  } catch {
    throw new CliError(`${NOT_RUNNING} (nothing answers at ${state.dataverse.url})`, 1);
  }
  return {
    state,
    dataverse: new DataverseHttpClient({
      url: state.dataverse.url,
      tokenProvider: new StaticTokenProvider(token),
    }),
  };
}
