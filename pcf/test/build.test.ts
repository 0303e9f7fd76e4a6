/**
 * Runs the real builds once (pcf-scripts and esbuild, about 10 s) and checks what the packer will
 * ship: the files, the manifest's promises, the sizes, and that each bundle works as loaded.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as React from 'react';
import * as Fluent from '@fluentui/react';
import { CHOICES, COMPONENTS, TABLES } from '../../solution/names';
import { buildPcf, type BuiltControl } from '../../scripts/build-pcf';
import { buildWebResources, type BuiltWebResource } from '../../scripts/build-webresources';
// eslint-disable-next-line @microsoft/power-apps/use-cached-webresource -- a Node module import, not a URL
import { fakeForm, FakeWebApi } from '../../webresources/test/fakeXrm';
import { mockContext } from './mockContext';

const KB = 1024;
let controls: BuiltControl[];
let webResources: BuiltWebResource[];

beforeAll(async () => {
  [controls, webResources] = await Promise.all([buildPcf(), buildWebResources()]);
}, 180_000);

function xeroStatus(): BuiltControl {
  const found = controls.find((c) => c.control === COMPONENTS.xeroStatusControl);
  if (!found)
    throw new Error(`buildPcf() built no ${COMPONENTS.xeroStatusControl}: ${JSON.stringify(controls)}`);
  return found;
}

function manifest(): string {
  return readFileSync(path.join(xeroStatus().dir, 'ControlManifest.xml'), 'utf8');
}

function ribbonScript(): BuiltWebResource {
  const found = webResources.find((w) => w.name === COMPONENTS.invoiceRibbonScript);
  if (!found) throw new Error(`buildWebResources() built no ${COMPONENTS.invoiceRibbonScript}`);
  return found;
}

describe('the XeroStatus PCF build', () => {
  it('writes the manifest, the bundle and the strings into pcf/out/controls/XeroStatus', () => {
    const { dir } = xeroStatus();
    expect(path.relative(path.join(__dirname, '..'), dir)).toBe(path.join('out', 'controls', 'XeroStatus'));
    expect(readFileSync(path.join(dir, 'strings', 'XeroStatus.1033.resx'), 'utf8')).toContain(
      'Status_Queued',
    );
  });

  it('declares a virtual control with React 16.14.0 and Fluent 8 as platform libraries', () => {
    const xml = manifest();
    expect(xml).toMatch(/<control [^>]*control-type="virtual"/);
    expect(xml).toContain('<platform-library name="React" version="16.14.0"/>');
    expect(xml).toMatch(/<platform-library name="Fluent" version="8\.\d+\.\d+"\/>/);
  });

  it('states that the control uses no external service', () => {
    expect(manifest()).toContain('<external-service-usage enabled="false"/>');
  });

  it('declares the properties the form binds: the sync status, Xero number and last-synced time', () => {
    const properties = [
      ...manifest().matchAll(/<property name="([^"]+)"[^>]*of-type="([^"]+)"[^>]*usage="([^"]+)"/g),
    ];
    expect(properties.map((m) => m.slice(1))).toEqual([
      ['syncStatus', 'OptionSet', 'bound'],
      ['xeroNumber', 'SingleLine.Text', 'input'],
      ['lastSyncedOn', 'DateAndTime.DateAndTime', 'input'],
    ]);
  });

  it('keeps React and Fluent out of the bundle, which stays under 60 KB', () => {
    const { bundleBytes, dir } = xeroStatus();
    expect(bundleBytes).toBeGreaterThan(0);
    expect(bundleBytes).toBeLessThan(60 * KB);
    expect(readFileSync(path.join(dir, 'bundle.js'), 'utf8')).toMatch(/Reactv16[\s\S]*FluentUIReactv8290/);
  });

  it('registers Stellarise.XeroStatus and renders the badge when loaded with the platform libraries', () => {
    const sandbox: Record<string, unknown> = { Reactv16: React, FluentUIReactv8290: Fluent };
    sandbox.window = sandbox;
    vm.runInNewContext(readFileSync(path.join(xeroStatus().dir, 'bundle.js'), 'utf8'), sandbox);

    const Control = (
      sandbox.Stellarise as { XeroStatus: new () => { updateView(c: unknown): React.ReactElement } }
    ).XeroStatus;
    const element = new Control().updateView(mockContext({ syncStatus: CHOICES.syncStatus.values.failed }));

    expect(element.props).toMatchObject({ statusLabel: 'Failed', tone: 'danger' });
  });
});

describe('the PCF tests', () => {
  // The root tsconfig leaves pcf/ out, and pcf/tsconfig.json (pcf-scripts') covers only the controls,
  // so that a typing slip in a test cannot break the product build; this keeps the tests typed.
  it('typecheck against the control once the build has generated ManifestTypes', () => {
    const repo = path.join(__dirname, '..', '..');
    const tsc = path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
    let errors = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', 'pcf/test/tsconfig.json', '--noEmit'], {
        cwd: repo,
        encoding: 'utf8',
      });
    } catch (error) {
      errors = String((error as { stdout?: string }).stdout || error);
    }

    expect(errors).toBe('');
  });
});

describe('the web resource build', () => {
  it('writes the ribbon script under dist/ by its Dataverse name, minified, under 20 KB', () => {
    const { file, bytes } = ribbonScript();
    expect(file).toBe(
      path.join(__dirname, '..', '..', 'dist', 'webresources', ...COMPONENTS.invoiceRibbonScript.split('/')),
    );
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(20 * KB);
    expect(readFileSync(file, 'utf8').split('\n').length).toBeLessThanOrEqual(2);
  });

  it('exposes StellariseRibbon and queues a push when the bundled syncToXero runs', async () => {
    const invoiceId = '0d6a3f1e-1111-4222-8333-444455556666';
    const webApi = new FakeWebApi().seed('invoice', invoiceId, {});
    const sandbox: Record<string, unknown> = { Xrm: { WebApi: webApi } };
    vm.runInNewContext(readFileSync(ribbonScript().file, 'utf8'), sandbox);
    const ribbon = sandbox.StellariseRibbon as Record<string, (...args: unknown[]) => unknown>;

    expect(Object.keys(ribbon)).toEqual(
      expect.arrayContaining(['syncToXero', 'syncSelected', 'enableSyncToXero']),
    );
    await ribbon.syncToXero(fakeForm({ id: invoiceId, attributes: { name: 'INV-9' } }).formContext);
    expect(webApi.rows(TABLES.syncHistory.logicalName)).toHaveLength(1);
  });
});
