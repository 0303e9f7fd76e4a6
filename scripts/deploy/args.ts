/**
 * `npm run deploy -- --org https://ORG.crm.dynamics.com --relay URL [--check] [--zip PATH]
 *   [--skip-build] [--no-pac]` plus every option of configure (credentials, --secret, --saleshub).
 */
import { failure, success, type Result } from '../../plugins-proxy/src/domain/result';
import { type ConfigureOptions, parseConfigureArgs } from '../configure/args';

export interface DeployOptions {
  readonly configure: ConfigureOptions;
  /** Report what would change; change nothing. */
  readonly check: boolean;
  /** A zip to import instead of the one the build makes. */
  readonly zip?: string;
  readonly skipBuild: boolean;
  /** Use the Web API even when `pac` is on the PATH. */
  readonly noPac: boolean;
}

export const DEPLOY_USAGE =
  'Usage: npm run deploy -- --org https://ORG.crm.dynamics.com --relay https://RELAY [--check] [--zip PATH] ' +
  '[--skip-build] [--no-pac] [--saleshub] [--secret SECRET] [--tenant ID --client-id ID --client-secret SECRET]';

/** A Dataverse environment is https; plain http only on this machine (the emulator). */
function orgProblem(orgUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(orgUrl);
  } catch {
    return undefined; // configure's own check names a value that is not a URL
  }
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !local)
    return `--org must be https (a Dataverse environment), not "${orgUrl}".`;
  if (url.pathname !== '/' && url.pathname !== '')
    return `--org is the environment's root (https://ORG.crm.dynamics.com), not a path such as "${orgUrl}".`;
  return undefined;
}

export function parseDeployArgs(
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
): Result<DeployOptions> {
  const rest: string[] = [];
  let check = false;
  let skipBuild = false;
  let noPac = false;
  let zip: string | undefined;
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') check = true;
    else if (arg === '--skip-build') skipBuild = true;
    else if (arg === '--no-pac') noPac = true;
    else if (arg === '--zip' || arg.startsWith('--zip=')) {
      zip = arg.startsWith('--zip=') ? arg.slice(6) : argv[++i];
      if (!zip || zip.startsWith('--')) problems.push('--zip needs a path.');
    } else rest.push(arg);
  }
  const orgAt = rest.findIndex((a) => a === '--org' || a.startsWith('--org='));
  const org =
    orgAt < 0 ? undefined : rest[orgAt].startsWith('--org=') ? rest[orgAt].slice(6) : rest[orgAt + 1];
  const problem = org ? orgProblem(org) : undefined;
  if (problem) problems.push(problem);
  const configure = parseConfigureArgs(rest, env);
  if (!configure.ok) {
    const lines = configure.failure.split('\n').filter((l) => !l.startsWith('Usage:'));
    return failure([...problems, ...lines, DEPLOY_USAGE].join('\n'));
  }
  if (problems.length) return failure([...problems, DEPLOY_USAGE].join('\n'));
  return success({ configure: configure.value, check, zip, skipBuild, noPac });
}
