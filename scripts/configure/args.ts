/**
 * `npm run configure -- --org URL --relay URL [--saleshub] [--secret S]
 *   [--tenant ID --client-id ID --client-secret S] [--authority-host URL]`
 * Credentials of the app registration that may customise the org come from the options or from
 * ENTRA_TENANT_ID / ENTRA_CLIENT_ID / ENTRA_CLIENT_SECRET (and ENTRA_AUTHORITY_HOST,
 * ENTRA_AUTHORITY_METADATA); the webhook secret from --secret or DATAVERSE_WEBHOOK_SECRET.
 */
import { failure, success, type Result } from '../../plugins-proxy/src/domain/result';
import { secretProblem } from './authValue';

export interface ConfigureOptions {
  readonly orgUrl: string;
  readonly relayUrl: string;
  readonly salesHub: boolean;
  /** The secret to set; absent means keep the one set before, or make one on the first run. */
  readonly secret?: string;
  readonly credentials: {
    readonly tenantId: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly authorityHost?: string;
    readonly authorityMetadata?: string;
  };
}

/** The options, or every problem found followed by the usage line. */
export type ParsedArgs = Result<ConfigureOptions>;

type Env = Record<string, string | undefined>;

const VALUE_OPTIONS: Record<string, string> = {
  '--org': 'org',
  '--relay': 'relay',
  '--secret': 'secret',
  '--tenant': 'tenant',
  '--client-id': 'clientId',
  '--client-secret': 'clientSecret',
  '--authority-host': 'authorityHost',
};

export const USAGE =
  'Usage: npm run configure -- --org https://ORG.crm.dynamics.com --relay https://RELAY [--saleshub] ' +
  '[--secret SECRET] [--tenant ID --client-id ID --client-secret SECRET]';

function httpUrl(value: string | undefined, option: string): Result<string> {
  if (!value) return failure(`${option} is required.`);
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
    return success(url.origin + url.pathname.replace(/\/+$/, ''));
  } catch {
    return failure(`${option} must be an http(s) URL, not "${value}".`);
  }
}

export function parseConfigureArgs(argv: readonly string[], env: Env = {}): ParsedArgs {
  const values: Record<string, string> = {};
  let salesHub = false;
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (flag === '--saleshub') salesHub = true;
    else if (VALUE_OPTIONS[flag]) {
      const next = argv[i + 1];
      const value = inline ?? (next !== undefined && !next.startsWith('--') ? argv[++i] : undefined);
      if (value === undefined) problems.push(`${flag} needs a value.`);
      else values[VALUE_OPTIONS[flag]] = value;
    } else problems.push(`Unknown option ${arg}.`);
  }
  const org = httpUrl(values.org, '--org');
  const relay = httpUrl(values.relay, '--relay');
  if (!org.ok) problems.push(org.failure);
  if (!relay.ok) problems.push(relay.failure);
  const credentials = {
    tenantId: values.tenant ?? env.ENTRA_TENANT_ID ?? '',
    clientId: values.clientId ?? env.ENTRA_CLIENT_ID ?? '',
    clientSecret: values.clientSecret ?? env.ENTRA_CLIENT_SECRET ?? '',
    authorityHost: values.authorityHost ?? (env.ENTRA_AUTHORITY_HOST || undefined),
    authorityMetadata: env.ENTRA_AUTHORITY_METADATA || undefined,
  };
  if (!credentials.tenantId) problems.push('--tenant (or ENTRA_TENANT_ID) is required.');
  if (!credentials.clientId) problems.push('--client-id (or ENTRA_CLIENT_ID) is required.');
  if (!credentials.clientSecret) problems.push('--client-secret (or ENTRA_CLIENT_SECRET) is required.');
  const secret = values.secret ?? (env.DATAVERSE_WEBHOOK_SECRET || undefined);
  if (secret !== undefined) {
    const problem = secretProblem(secret, values.secret ? '--secret' : 'DATAVERSE_WEBHOOK_SECRET');
    if (problem) problems.push(problem);
  }
  if (!org.ok || !relay.ok || problems.length > 0) return failure(`${problems.join('\n')}\n${USAGE}`);
  return success({ orgUrl: org.value, relayUrl: relay.value, salesHub, secret, credentials });
}
