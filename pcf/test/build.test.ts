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
import { solutionModel } from '../../solution/model';
import { controlFiles } from '../../solution/pack/controlFiles';
import { controlVersion, SOLUTION_VERSION } from '../../solution/version';
import { buildPcf, type BuiltControl } from '../../scripts/build-pcf';
import { buildWebResources, type BuiltWebResource } from '../../scripts/build-webresources';
// eslint-disable-next-line @microsoft/power-apps/use-cached-webresource -- a Node module import, not a URL
import { fakeForm, FakeWebApi } from '../../webresources/test/fakeXrm';
import { mockConnectionHealthContext, mockContext } from './mockContext';
import { IDS, snapshot } from '../../plugins-proxy/test/domain/fixtures';
import { FakePanelWebApi, rowsFor } from './XeroPanel/support';
import { panelContext } from './XeroPanel/panelContext';

const KB = 1024;
let controls: BuiltControl[];
let webResources: BuiltWebResource[];

beforeAll(async () => {
  [controls, webResources] = await Promise.all([buildPcf(), buildWebResources()]);
}, 180_000);

function built(name: string): BuiltControl {
  const found = controls.find((c) => c.control === name);
  if (!found) throw new Error(`buildPcf() built no ${name}: ${JSON.stringify(controls)}`);
  return found;
}

function manifestOf(name: string): string {
  return readFileSync(path.join(built(name).dir, 'ControlManifest.xml'), 'utf8');
}

function builtScript(name: string): BuiltWebResource {
  const found = webResources.find((w) => w.name === name);
  if (!found) throw new Error(`buildWebResources() built no ${name}`);
  return found;
}

/** Loads a bundle as Dataverse does, with React and Fluent supplied by the platform. */
function loadControl<T>(name: string): T {
  const sandbox: Record<string, unknown> = { Reactv16: React, FluentUIReactv8290: Fluent };
  sandbox.window = sandbox;
  vm.runInNewContext(readFileSync(path.join(built(name).dir, 'bundle.js'), 'utf8'), sandbox);
  const constructorName = name.slice(name.lastIndexOf('.') + 1);
  return (sandbox.Stellarise as Record<string, T>)[constructorName];
}

const CONTROLS = [
  { name: COMPONENTS.xeroStatusControl, folder: 'XeroStatus', stringKey: 'Status_Queued' },
  { name: COMPONENTS.connectionHealthControl, folder: 'ConnectionHealth', stringKey: 'Deadline_Valid' },
  { name: COMPONENTS.xeroPanelControl, folder: 'XeroPanel', stringKey: 'Preflight_Heading' },
];

describe('the PCF build', () => {
  it('builds the Xero status, connection health and Xero panel controls', () => {
    expect(controls.map((c) => c.control)).toEqual(expect.arrayContaining(CONTROLS.map((c) => c.name)));
  });

  describe.each(CONTROLS)('$name', ({ name, folder, stringKey }) => {
    it(`writes the manifest, the bundle and the strings into pcf/out/controls/${folder}`, () => {
      const { dir } = built(name);
      expect(path.relative(path.join(__dirname, '..'), dir)).toBe(path.join('out', 'controls', folder));
      expect(readFileSync(path.join(dir, 'strings', `${folder}.1033.resx`), 'utf8')).toContain(stringKey);
    });

    it('declares a virtual control with React 16.14.0 and Fluent 8 as platform libraries', () => {
      const xml = manifestOf(name);
      expect(xml).toMatch(/<control [^>]*control-type="virtual"/);
      expect(xml).toContain('<platform-library name="React" version="16.14.0"/>');
      expect(xml).toMatch(/<platform-library name="Fluent" version="8\.\d+\.\d+"\/>/);
    });

    it('ships with the control version of the solution version, not the placeholder of the source', () => {
      const control = solutionModel.controls.find((c) => c.name === name);
      if (!control) throw new Error(`The solution model has no control ${name}`);
      const files = [
        { path: 'ControlManifest.xml', data: Buffer.from(manifestOf(name), 'utf8') },
        { path: 'bundle.js', data: Buffer.from('') },
      ];
      const shipped = controlFiles(solutionModel, control, {
        webResources: {},
        controls: { [name]: files },
        siteMaps: {},
      })[0].data.toString('utf8');
      expect(manifestOf(name)).toMatch(/<control [^>]*version="0\.0\.0"/);
      expect(shipped).toMatch(new RegExp(`<control [^>]*version="${controlVersion(SOLUTION_VERSION)}"`));
    });

    it('states that the control uses no external service', () => {
      expect(manifestOf(name)).toContain('<external-service-usage enabled="false"/>');
    });

    it('keeps React and Fluent out of the bundle, which stays under 60 KB', () => {
      const { bundleBytes, dir } = built(name);
      expect(bundleBytes).toBeGreaterThan(0);
      expect(bundleBytes).toBeLessThan(60 * KB);
      expect(readFileSync(path.join(dir, 'bundle.js'), 'utf8')).toMatch(/Reactv16[\s\S]*FluentUIReactv8290/);
    });
  });

  it('declares the properties the invoice form binds: the sync status, Xero number and last-synced time', () => {
    const properties = [
      ...manifestOf(COMPONENTS.xeroStatusControl).matchAll(
        /<property name="([^"]+)"[^>]*of-type="([^"]+)"[^>]*usage="([^"]+)"/g,
      ),
    ];
    expect(properties.map((m) => m.slice(1))).toEqual([
      ['syncStatus', 'OptionSet', 'bound'],
      ['xeroNumber', 'SingleLine.Text', 'input'],
      ['lastSyncedOn', 'DateAndTime.DateAndTime', 'input'],
    ]);
  });

  it('declares the properties the connection form binds, with the status bound', () => {
    const properties = [
      ...manifestOf(COMPONENTS.connectionHealthControl).matchAll(
        /<property name="([^"]+)"[^>]*of-type="([^"]+)"[^>]*usage="([^"]+)"/g,
      ),
    ];
    expect(properties.map((m) => m.slice(1))).toEqual([
      ['status', 'OptionSet', 'bound'],
      ['connectionName', 'SingleLine.Text', 'input'],
      ['tenantName', 'SingleLine.Text', 'input'],
      ['refreshDeadline', 'DateAndTime.DateAndTime', 'input'],
      ['dailyCallsLeft', 'Whole.None', 'input'],
      ['lastRefreshOn', 'DateAndTime.DateAndTime', 'input'],
      ['lastError', 'Multiple', 'input'],
    ]);
  });

  it('registers Stellarise.XeroStatus and renders the badge when loaded with the platform libraries', () => {
    const Control = loadControl<new () => { updateView(c: unknown): React.ReactElement }>(
      COMPONENTS.xeroStatusControl,
    );
    const element = new Control().updateView(mockContext({ syncStatus: CHOICES.syncStatus.values.failed }));

    expect(element.props).toMatchObject({ statusLabel: 'Failed', tone: 'danger' });
  });

  it('registers Stellarise.ConnectionHealth and renders the panel when loaded with the platform libraries', () => {
    const Control = loadControl<new () => { updateView(c: unknown): React.ReactElement<{ view: unknown }> }>(
      COMPONENTS.connectionHealthControl,
    );
    const element = new Control().updateView(
      mockConnectionHealthContext({ status: CHOICES.connectionStatus.values.needsAttention }),
    );

    expect(element.props.view).toMatchObject({
      statusLabel: 'Needs attention',
      tone: 'warning',
      linked: true,
    });
  });

  it('declares the Xero panel bound to the sync status, using the Web API and no external service', () => {
    const xml = manifestOf(COMPONENTS.xeroPanelControl);
    const properties = [
      ...xml.matchAll(/<property name="([^"]+)"[^>]*of-type="([^"]+)"[^>]*usage="([^"]+)"/g),
    ];
    expect(properties.map((m) => m.slice(1))).toEqual([['syncStatus', 'OptionSet', 'bound']]);
    expect(xml).toMatch(/<uses-feature name="WebAPI" required="true"\/>/);
  });

  it('registers Stellarise.XeroPanel and runs the pre-flight check inside the bundle', async () => {
    type Panel = {
      init(c: unknown): void;
      updateView(c: unknown): React.ReactElement<{ loading: boolean; preflight?: unknown }>;
      destroy(): void;
    };
    const Control = loadControl<new () => Panel>(COMPONENTS.xeroPanelControl);
    const context = panelContext(new FakePanelWebApi(rowsFor(snapshot())), IDS.invoice);
    const panel = new Control();
    const loaded = context.nextRender();

    panel.init(context);
    expect(panel.updateView(context).props.loading).toBe(true);
    await loaded;

    expect(panel.updateView(context).props).toMatchObject({
      loading: false,
      preflight: { blocked: false, dynamicsTotal: '25.85', xeroTotal: '25.85', difference: '0.00' },
    });
    panel.destroy();
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
  it.each([COMPONENTS.invoiceRibbonScript, COMPONENTS.connectionCommandsScript])(
    'writes %s under dist/ by its Dataverse name, minified, at most 20 KB',
    (name) => {
      const { file, bytes } = builtScript(name);
      expect(file).toBe(path.join(__dirname, '..', '..', 'dist', 'webresources', ...name.split('/')));
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThanOrEqual(20 * KB);
      expect(readFileSync(file, 'utf8').split('\n').length).toBeLessThanOrEqual(2);
    },
  );

  it('exposes StellariseRibbon and queues a push when the bundled syncToXero runs', async () => {
    const invoiceId = '0d6a3f1e-1111-4222-8333-444455556666';
    const webApi = new FakeWebApi().seed('invoice', invoiceId, {});
    const sandbox: Record<string, unknown> = { Xrm: { WebApi: webApi } };
    vm.runInNewContext(readFileSync(builtScript(COMPONENTS.invoiceRibbonScript).file, 'utf8'), sandbox);
    const ribbon = sandbox.StellariseRibbon as Record<string, (...args: unknown[]) => unknown>;

    expect(Object.keys(ribbon)).toEqual(
      expect.arrayContaining([
        'syncToXero',
        'syncSelected',
        'enableSyncToXero',
        'openInXero',
        'enableOpenInXero',
        'emailFromXero',
        'enableEmailFromXero',
      ]),
    );
    await ribbon.syncToXero(fakeForm({ id: invoiceId, attributes: { name: 'INV-9' } }).formContext);
    expect(webApi.rows(TABLES.syncHistory.logicalName)).toHaveLength(1);
  });

  it('exposes StellariseConnection and queues a reference data refresh when the bundle runs', async () => {
    const connectionId = '0d6a3f1e-2222-4222-8333-444455556666';
    const webApi = new FakeWebApi();
    const sandbox: Record<string, unknown> = { Xrm: { WebApi: webApi } };
    vm.runInNewContext(readFileSync(builtScript(COMPONENTS.connectionCommandsScript).file, 'utf8'), sandbox);
    const commands = sandbox.StellariseConnection as Record<string, (...args: unknown[]) => unknown>;

    expect(Object.keys(commands).sort()).toEqual(
      [
        'connectToXero',
        'disconnectFromXero',
        'enableConnect',
        'enableReconnect',
        'refreshReferenceDataNow',
        'MESSAGES',
      ].sort(),
    );
    await commands.refreshReferenceDataNow(fakeForm({ id: connectionId, attributes: {} }).formContext);
    expect(webApi.rows(TABLES.syncHistory.logicalName)).toHaveLength(1);
  });
});
