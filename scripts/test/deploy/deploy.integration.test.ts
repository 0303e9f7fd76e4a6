/**
 * `npm run deploy` against the Dataverse emulator: ImportSolutionAsync with the async operation's
 * progress, PublishAllXml, then configure; a second run changes nothing; bad input changes nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { startDataverseEmulator, type DataverseEmulator } from '../../../sandbox/dataverse';
import { parseDeployArgs, type DeployOptions } from '../../deploy/args';
import { deploy, type DeployReport } from '../../deploy/run';

const REPO = path.join(__dirname, '../../..');
const ZIP = path.join(REPO, 'dist/StellariseConnector_1_0_0_0_managed.zip');
const RELAY = 'http://127.0.0.1:9';
let dataverse: DataverseEmulator;
let tmp: string;
let log: string[];

beforeAll(() => {
  if (!fs.existsSync(ZIP)) execFileSync('npx', ['tsx', 'scripts/build.ts'], { cwd: REPO, stdio: 'ignore' });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-test-'));
}, 180_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
beforeEach(async () => {
  dataverse = await startDataverseEmulator({ dataDir: null });
  log = [];
});
afterEach(() => dataverse.stop());

function options(extra: string[] = [], orgUrl = dataverse.url): DeployOptions {
  const parsed = parseDeployArgs(
    ['--org', orgUrl, '--relay', RELAY, '--secret', 's'.repeat(32), '--zip', ZIP, ...extra],
    {
      ENTRA_TENANT_ID: dataverse.tenantId,
      ENTRA_CLIENT_ID: dataverse.clientId,
      ENTRA_CLIENT_SECRET: dataverse.clientSecret,
      ENTRA_AUTHORITY_METADATA: dataverse.authorityMetadata,
    },
  );
  if (!parsed.ok) throw new Error(parsed.failure);
  return parsed.value;
}

const run = (o: DeployOptions): Promise<DeployReport> =>
  deploy(o, { log: (l) => log.push(l), build: async () => ZIP, pac: null, pollMs: 10 });

async function installedVersion(): Promise<string | undefined> {
  const reply = await fetch(
    `${dataverse.url}/api/data/v9.2/solutions?$select=version&$filter=uniquename eq 'StellariseConnector'`,
    {
      headers: { Authorization: `Bearer ${dataverse.admin.appToken()}`, Accept: 'application/json' },
    },
  );
  const body = (await reply.json()) as { value: { version: string }[] };
  return body.value[0]?.version;
}

/** The managed zip with another version in solution.xml. */
function zipWithVersion(version: string): string {
  const files = unzipSync(new Uint8Array(fs.readFileSync(ZIP)));
  const manifest = strFromU8(files['solution.xml']).replace(
    /<Version>[^<]*<\/Version>/,
    `<Version>${version}</Version>`,
  );
  const out = path.join(tmp, `StellariseConnector_${version.replace(/\./g, '_')}_managed.zip`);
  fs.writeFileSync(out, zipSync({ ...files, 'solution.xml': strToU8(manifest) }));
  return out;
}

it('imports, publishes and configures on the first run, and changes nothing on the second', async () => {
  const first = await run(options());
  expect(first.changed).toBe(true);
  expect(first.steps[0]).toMatchObject({ changed: true, detail: expect.stringContaining('import 1.0.0.0') });
  expect(log).toContain('           import: Succeeded');
  expect(await installedVersion()).toBe('1.0.0.0');
  const second = await run(options());
  expect(second.steps.filter((s) => s.changed)).toEqual([]);
  expect(second.changed).toBe(false);
});

it('reports with --check what the first run would do, and changes nothing', async () => {
  const report = await run(options(['--check']));
  expect(report.steps.map((s) => s.changed)).toEqual([true, true]);
  expect(report.steps[1].detail).toContain('runs after the import');
  expect(await installedVersion()).toBeUndefined();
});

it('reports with --check the configure steps that would change on an org with the solution', async () => {
  await dataverse.importSolution(ZIP);
  const report = await run(options(['--check']));
  expect(report.steps[0]).toMatchObject({ changed: false });
  expect(report.steps.slice(1).every((s) => s.changed)).toBe(true);
  const again = await run(options(['--check']));
  expect(again.steps.slice(1).every((s) => s.changed)).toBe(true);
});

it('refuses an older version over a newer one, naming both, and changes nothing', async () => {
  await dataverse.importSolution(zipWithVersion('1.0.1.0'));
  await expect(run(options())).rejects.toThrow(
    /The org has StellariseConnector 1\.0\.1\.0; .* is 1\.0\.0\.0, older\. .*nothing was changed/,
  );
  expect(await installedVersion()).toBe('1.0.1.0');
});

it('refuses a file that is not a solution before calling the org', async () => {
  const notAZip = path.join(tmp, 'notes.zip');
  fs.writeFileSync(notAZip, 'not a zip');
  await expect(run(options(['--zip', notAZip]))).rejects.toThrow(
    `${notAZip} is not a solution: it is not a zip file.`,
  );
  const noManifest = path.join(tmp, 'empty.zip');
  fs.writeFileSync(noManifest, zipSync({ 'readme.txt': strToU8('hello') }));
  await expect(run(options(['--zip', noManifest]))).rejects.toThrow(
    /has no solution\.xml and customizations\.xml/,
  );
  expect(await installedVersion()).toBeUndefined();
});

it('refuses a wrong org URL: not https, or a server that is not Dataverse', async () => {
  expect(parseDeployArgs(['--org', 'http://org.example.com', '--relay', RELAY])).toMatchObject({
    ok: false,
    failure: expect.stringContaining('--org must be https'),
  });
  const other = http.createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  try {
    await expect(run(options([], url))).rejects.toThrow(
      `${url} is not a Dataverse environment this app can reach (WhoAmI answered HTTP 404).`,
    );
  } finally {
    other.close();
  }
});
