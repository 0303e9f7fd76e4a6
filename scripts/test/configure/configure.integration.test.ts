/**
 * The configure step against the Dataverse emulator with the real solution imported: a first run
 * sets everything, a second changes nothing, and the webhook then reaches the relay's address with
 * the secret in its header.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startDataverseEmulator, type DataverseEmulator } from '../../../sandbox/dataverse';
import {
  CHOICES,
  COLUMNS,
  COMPONENTS,
  CUSTOMIZATION_TABLES,
  ENVIRONMENT_VARIABLE_TABLES,
  SALES_HUB,
  TABLES,
} from '../../../solution/names';
import { configureOrg, targetFor, type ConfigureTarget } from '../../configure/run';

const REPO = path.join(__dirname, '../../..');
const ZIP = path.join(REPO, 'dist/StellariseConnector_1_0_0_0_managed.zip');
const SE = CUSTOMIZATION_TABLES.serviceEndpoint;
const SM = CUSTOMIZATION_TABLES.siteMap;

interface Captured {
  path: string;
  headers: http.IncomingHttpHeaders;
}

let dataverse: DataverseEmulator;
let capture: http.Server;
let relayUrl: string;
let target: ConfigureTarget;
const captured: Captured[] = [];

beforeAll(async () => {
  if (!fs.existsSync(ZIP)) execFileSync('npx', ['tsx', 'scripts/build.ts'], { cwd: REPO, stdio: 'ignore' });
  dataverse = await startDataverseEmulator({ dataDir: null });
  await dataverse.importSolution(ZIP);
  capture = http.createServer((req, res) => {
    captured.push({ path: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  relayUrl = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`;
  target = targetFor({
    orgUrl: dataverse.url,
    credentials: {
      tenantId: dataverse.tenantId,
      clientId: dataverse.clientId,
      clientSecret: dataverse.clientSecret,
      authorityMetadata: dataverse.authorityMetadata,
    },
  });
}, 120_000);

afterAll(async () => {
  await dataverse?.stop();
  await new Promise((resolve) => capture?.close(resolve));
});

async function relayUrlValue(): Promise<unknown[]> {
  const values = await target.client.query<Record<string, unknown>>(
    ENVIRONMENT_VARIABLE_TABLES.value.entitySet,
    {
      select: [ENVIRONMENT_VARIABLE_TABLES.value.value],
    },
  );
  return values.map((v) => v[ENVIRONMENT_VARIABLE_TABLES.value.value]);
}

async function webhookUrl(): Promise<unknown> {
  const [endpoint] = await target.client.query<Record<string, unknown>>(SE.entitySet, {
    select: [SE.url],
    filter: `${SE.primaryName} eq '${COMPONENTS.webhookEndpoint}'`,
  });
  return endpoint?.[SE.url];
}

async function queueRowAndCaptureHeader(): Promise<unknown> {
  captured.length = 0;
  await target.client.create(TABLES.syncHistory.entitySet, {
    [COLUMNS.syncHistory.name]: 'Configure test',
    [COLUMNS.syncHistory.status]: CHOICES.syncHistoryStatus.values.queued,
  });
  await dataverse.admin.webhooksSettled();
  const delivery = captured.find((c) => c.path === '/dataverse/webhook');
  return delivery?.headers[COMPONENTS.webhookAuthHeader];
}

describe('configure against an org with the solution imported', () => {
  let generated: string | undefined;

  it('sets the relay URL and the webhook on the first run and makes a secret', async () => {
    const report = await configureOrg(target, { relayUrl, salesHub: false });
    expect(report.changed).toBe(true);
    expect(report.steps.map((s) => s.changed)).toEqual([true, true]);
    generated = report.generatedSecret;
    expect(generated).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await relayUrlValue()).toEqual([relayUrl]);
    expect(await webhookUrl()).toBe(`${relayUrl}/dataverse/webhook`);
  });

  it('changes nothing on a second run and makes no new secret', async () => {
    const report = await configureOrg(target, { relayUrl, salesHub: false });
    expect(report).toEqual({ steps: expect.any(Array), changed: false, generatedSecret: undefined });
    expect(report.steps.map((s) => s.detail)).toEqual([
      `already ${relayUrl}`,
      `already ${relayUrl}/dataverse/webhook with the same secret`,
    ]);
    expect(await relayUrlValue()).toEqual([relayUrl]);
  });

  it('makes the webhook send the secret to the relay when a sync request is queued', async () => {
    expect(await queueRowAndCaptureHeader()).toBe(generated);
  });

  it('rotates the secret when a different one is given', async () => {
    const report = await configureOrg(target, {
      relayUrl,
      salesHub: false,
      secret: 'rotated-secret-0123456789',
    });
    expect(report.steps[1]).toMatchObject({ changed: true, detail: 'set secret' });
    expect(await queueRowAndCaptureHeader()).toBe('rotated-secret-0123456789');
  });

  it('moves the relay URL and the webhook to a new relay address', async () => {
    const moved = 'http://127.0.0.1:1/relay';
    const report = await configureOrg(target, {
      relayUrl: moved,
      salesHub: false,
      secret: 'rotated-secret-0123456789',
    });
    expect(report.steps.map((s) => s.changed)).toEqual([true, true]);
    expect(await relayUrlValue()).toEqual([moved]);
    expect(await webhookUrl()).toBe(`${moved}/dataverse/webhook`);
    await configureOrg(target, { relayUrl, salesHub: false, secret: 'rotated-secret-0123456789' });
  });
});

describe('configure --saleshub', () => {
  const SALES_HUB_XML = '<SiteMap><Area Id="SFA"><Group Id="MyWork" /></Area></SiteMap>';

  it('says so when the org has no Sales Hub SiteMap', async () => {
    await expect(configureOrg(target, { relayUrl, salesHub: true })).rejects.toThrow(
      /no SiteMap named SalesHub; install Dynamics 365 Sales or leave out --saleshub/,
    );
  });

  it('adds the Stellarise area once, however often it runs', async () => {
    const siteMapId = await target.client.create(SM.entitySet, {
      [SM.primaryName]: 'Sales Hub',
      [SM.uniqueName]: SALES_HUB.siteMapUniqueName,
      [SM.xml]: SALES_HUB_XML,
    });
    const first = await configureOrg(target, { relayUrl, salesHub: true });
    expect(first.steps[2]).toMatchObject({
      step: 'Sales Hub SiteMap',
      changed: true,
      detail: 'added the stl_StellariseArea area and published the SiteMap',
    });
    expect(dataverse.admin.requestLog.snapshot().counts['POST PublishXml']).toBe(1);
    const second = await configureOrg(target, { relayUrl, salesHub: true });
    expect(second.steps[2]).toMatchObject({
      changed: false,
      detail: 'already has the stl_StellariseArea area',
    });
    const row = await target.client.get<Record<string, unknown>>(`${SM.entitySet}(${siteMapId})`, {
      select: [SM.xml],
    });
    const xml = String(row?.[SM.xml]);
    expect(xml.match(/Id="stl_StellariseArea"/g)).toHaveLength(1);
    expect(xml.startsWith('<SiteMap><Area Id="SFA">')).toBe(true);
  });
});
