/** The lines `npm start` prints once everything runs. */
import path from 'node:path';
import type { SandboxState } from './state';

/** The consent page, asking for the scopes the relay asks for (its production default). */
export function consentUrl(
  xeroUrl: string,
  clientId: string,
  redirectUri: string,
  scopes: readonly string[],
): string {
  const url = new URL('/identity/connect/authorize', xeroUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: scopes.join(' '),
    state: 'demo',
  }).toString();
  return url.toString();
}

export interface Banner {
  readonly state: SandboxState;
  readonly dataDir: string;
  readonly shellNote: string;
  readonly seedNote: string;
  readonly tryNumber?: string;
  readonly tryName?: string;
}

export function bannerLines(b: Banner): string[] {
  const { state } = b;
  const dataDir = path.relative(process.cwd(), b.dataDir) || b.dataDir;
  return [
    '',
    'Stellarise sandbox is running (localhost only).',
    `  Dataverse emulator  ${state.dataverse.url}/api/data/v9.2/`,
    `    token endpoint    ${state.dataverse.tokenEndpoint} (client ${state.dataverse.clientId} / ${state.dataverse.clientSecret})`,
    `  Xero emulator       ${state.xero.url} (organisation "${state.xero.tenantName}")`,
    `    consent page      ${state.xero.consentUrl}`,
    `  Relay               ${state.relay.url} (${state.relay.url}/health, ${state.relay.url}/metrics)`,
    `  Demo shell          ${state.shell.url ?? `http://127.0.0.1:${state.shell.port} (${b.shellNote})`}`,
    `  Data                ${dataDir}/ (kept between runs; npm start -- --reset starts fresh)`,
    `  Demo data           ${b.seedNote}`,
    '',
    'From a second terminal:',
    '  npm run sandbox -- list',
    b.tryNumber
      ? `  npm run sandbox -- sync ${b.tryNumber}    # ${b.tryName ?? 'a demo invoice'}`
      : '  npm run sandbox -- sync <invoice number>',
    '  npm run sandbox -- sync --all',
    '  npm run sandbox -- pay <invoice number> [amount]',
    '',
    'Press Ctrl-C to stop.',
  ];
}
