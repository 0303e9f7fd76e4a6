/**
 * The deploy run: build, check the zip and the org, import (pac when on the PATH, else the Web
 * API's ImportSolutionAsync), publish, configure. Bad input stops it before anything changes; a
 * version already installed is not imported again, so a second run changes nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DataverseHttpClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import {
  MsalTokenProvider,
  type TokenProvider,
} from '../../plugins-proxy/src/adapters/dataverse/tokenProvider';
import { configureOrg, targetFor, type ConfigureTarget } from '../configure/run';
import { ConfigureError, type StepResult } from '../configure/steps';
import type { DeployOptions } from './args';
import { OrgApi } from './orgApi';
import { ReadOnlyDataverseClient } from './readOnly';
import { compareVersions, DeployError, readSolutionZip, type SolutionZip } from './solutionZip';

export interface DeployDeps {
  readonly log: (line: string) => void;
  /** Builds and answers the managed zip's path (scripts/build.ts). */
  readonly build: () => Promise<string>;
  /** `pac` on the PATH, or null; found on the PATH when absent. */
  readonly pac?: string | null;
  readonly pollMs?: number;
}

export interface DeployReport {
  readonly steps: readonly StepResult[];
  readonly changed: boolean;
}

export function findPac(pathVariable = process.env.PATH ?? ''): string | null {
  for (const dir of pathVariable.split(path.delimiter).filter(Boolean)) {
    for (const name of process.platform === 'win32' ? ['pac.exe', 'pac.cmd'] : ['pac']) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  return null;
}

function importPlan(
  zip: SolutionZip,
  installed: { version: string; managed: boolean } | undefined,
): StepResult {
  const step = `Solution ${zip.uniqueName}`;
  if (!installed)
    return {
      step,
      changed: true,
      detail: `import ${zip.version} (${zip.managed ? 'managed' : 'unmanaged'}), not installed yet`,
    };
  if (installed.managed !== zip.managed)
    throw new DeployError(
      `The org has ${zip.uniqueName} ${installed.version} ${installed.managed ? 'managed' : 'unmanaged'}; ${zip.path} is ${zip.managed ? 'managed' : 'unmanaged'}. Dataverse does not import one over the other; nothing was changed.`,
    );
  const order = compareVersions(zip.version, installed.version);
  if (order < 0)
    throw new DeployError(
      `The org has ${zip.uniqueName} ${installed.version}; ${zip.path} is ${zip.version}, older. Build a newer version (solution/version.ts); nothing was changed.`,
    );
  if (order === 0) return { step, changed: false, detail: `${zip.version} already installed` };
  return { step, changed: true, detail: `upgrade ${installed.version} → ${zip.version}` };
}

function importWithPac(pac: string, zip: SolutionZip, orgUrl: string): void {
  const args = [
    'solution',
    'import',
    '--path',
    zip.path,
    '--environment',
    orgUrl,
    '--async',
    '--publish-changes',
  ];
  const result = spawnSync(pac, args, { stdio: 'inherit' });
  if (result.status !== 0)
    throw new DeployError(
      `pac solution import failed (exit ${result.status ?? 'signal'}); see its output above.`,
    );
}

async function configureSteps(
  target: ConfigureTarget,
  options: DeployOptions,
  installed: boolean,
): Promise<StepResult[]> {
  if (!options.check) return [...(await configureOrg(target, options.configure)).steps];
  if (!installed)
    return [
      {
        step: 'Configure',
        changed: true,
        detail: 'runs after the import (the solution is not installed yet)',
      },
    ];
  const readOnly = new ReadOnlyDataverseClient(target.client);
  const steps = (await configureOrg({ client: readOnly, callAction: async () => true }, options.configure))
    .steps;
  return [...steps];
}

export async function deploy(options: DeployOptions, deps: DeployDeps): Promise<DeployReport> {
  const { orgUrl, credentials } = options.configure;
  const zipPath = options.zip ?? (await deps.build());
  const zip = readSolutionZip(zipPath);
  const tokenProvider: TokenProvider = new MsalTokenProvider({ ...credentials, resourceUrl: orgUrl });
  const org = new OrgApi(orgUrl, tokenProvider);
  await org.checkOrg();
  const installed = await org.installed(zip.uniqueName);
  const plan = importPlan(zip, installed);
  deps.log(
    `${plan.changed ? (options.check ? 'would change' : 'changing') : 'unchanged'}  ${plan.step}: ${plan.detail}`,
  );
  if (plan.changed && !options.check) {
    const pac = options.noPac ? null : deps.pac === undefined ? findPac() : deps.pac;
    if (pac) importWithPac(pac, zip, orgUrl);
    else {
      await org.importAsync(zip.bytes, (status) => deps.log(`           import: ${status}`), deps.pollMs);
      await org.publishAll();
    }
  }
  const target = {
    ...targetFor(options.configure),
    client: new DataverseHttpClient({ url: orgUrl, tokenProvider }),
  };
  let steps: StepResult[];
  try {
    steps = await configureSteps(target, options, !!installed || !options.check);
  } catch (error) {
    if (error instanceof ConfigureError) throw new DeployError(error.message);
    throw error;
  }
  return { steps: [plan, ...steps], changed: [plan, ...steps].some((s) => s.changed) };
}

export function formatDeployReport(report: DeployReport, check: boolean): string[] {
  const lines = report.steps.map(
    (s) =>
      `${s.changed ? (check ? 'would change' : 'changed     ') : 'unchanged   '}  ${s.step}: ${s.detail}`,
  );
  if (check)
    lines.push(report.changed ? 'Check: the changes above would be made.' : 'Check: nothing would change.');
  else
    lines.push(
      report.changed ? 'Deployed.' : 'Nothing to change: the org already has this version, configured.',
    );
  return lines;
}
