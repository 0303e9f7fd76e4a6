/**
 * `npm start`: the whole product on this machine. Builds the solution if needed, starts the
 * Dataverse and Xero emulators, imports the solution (an upgrade in place on a re-run), starts
 * the relay, seeds the demo data once, points the webhook at the relay (the configure step),
 * starts the demo shell when there is one, writes .sandbox/state.json for `npm run sandbox`, and
 * stops everything on Ctrl-C. `startSandbox` is the same in-process, for tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CHOICES, COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES } from '../solution/names';
import { configureOrg } from '../scripts/configure/run';
import { startDataverseEmulator } from './dataverse';
import { DEMO_INVOICES, seedDemoData } from './seed';
import { ensureXeroOrganisation } from './seed/connection';
import { buildIfNeeded, REPO_ROOT, type BuildPolicy } from './start/buildIfNeeded';
import { pickPort, preferredPorts, type ServiceName } from './start/ports';
import { relayUrlFor, sandboxRelayConfig } from './start/relayConfig';
import { startSandboxRelay } from './start/relay';
import { loadOrCreateSecrets } from './start/secrets';
import { startShell } from './start/shell';
import { removeState, writeState, type SandboxState } from './start/state';
import { bannerLines, consentUrl } from './start/urls';
import { startXeroEmulator } from './xero';

export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.sandbox');

export interface SandboxOptions {
  dataDir?: string;
  /** Wipe the data folder first. */
  reset?: boolean;
  /** Preferred ports; 0 lets the OS choose. Default: 5510/5520/5530/5540 or SANDBOX_*_PORT. */
  ports?: Partial<Record<ServiceName, number>>;
  log?: (line: string) => void;
  relayLogLevel?: string;
  /** How often the relay pulls payments from Xero (default 5 s in the sandbox). */
  paymentsIntervalMs?: number;
  /** 'if-needed' (default) rebuilds when sources are newer than the zip; 'if-missing' only without a zip. */
  build?: BuildPolicy;
  /** Start the demo shell when there is one (default true). */
  shell?: boolean;
}

export interface RunningSandbox {
  readonly urls: { dataverse: string; xero: string; relay: string; shell: string | null };
  readonly state: SandboxState;
  readonly stateFile: string;
  readonly lines: string[];
  stop(): Promise<void>;
}

async function choosePorts(options: SandboxOptions): Promise<Record<ServiceName, number>> {
  const wanted = { ...preferredPorts(process.env), ...options.ports };
  const taken = new Set<number>();
  const chosen = {} as Record<ServiceName, number>;
  for (const name of ['dataverse', 'xero', 'relay', 'shell'] as ServiceName[]) {
    chosen[name] = await pickPort(wanted[name], taken);
    taken.add(chosen[name]);
  }
  return chosen;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  if (options.reset) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const zip = await buildIfNeeded(log, options.build);
  const secrets = loadOrCreateSecrets(dataDir);
  const ports = await choosePorts(options);
  const relayUrl = relayUrlFor(ports.relay);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const dataverse = await startDataverseEmulator({
      port: ports.dataverse,
      dataDir: path.join(dataDir, 'dataverse'),
    });
    stops.push(() => dataverse.stop());
    const imported = await dataverse.importSolution(zip);
    log(`Imported ${imported.uniqueName} ${imported.version} into the Dataverse emulator.`);
    const xero = await startXeroEmulator({
      port: ports.xero,
      dataDir: path.join(dataDir, 'xero'),
      redirectUris: [`${relayUrl}/oauth/callback`],
    });
    stops.push(() => xero.stop());
    const tenant = ensureXeroOrganisation(xero, 'main');
    const config = sandboxRelayConfig({
      dataverse,
      xero,
      relayPort: ports.relay,
      dataDir,
      secrets,
      logLevel: options.relayLogLevel,
      paymentsIntervalMs: options.paymentsIntervalMs,
    });
    const relay = await startSandboxRelay(config, xero);
    stops.push(() => relay.stop());
    const seed = await seedDemoData({
      dataverse: relay.dataverse,
      xeroGateway: relay.xero,
      store: relay.store,
      config,
      xero,
    });
    const configured = await configureOrg(
      { client: relay.dataverse, callAction: async () => false },
      { relayUrl, salesHub: false, secret: secrets.dataverseWebhookSecret },
    );
    for (const step of configured.steps)
      log(`${step.changed ? 'Configured' : 'Already configured'}: ${step.step} (${step.detail})`);
    const shell =
      options.shell === false
        ? ({ running: false, reason: 'not started (shell: false)' } as const)
        : await startShell({
            port: ports.shell,
            dataverseUrl: dataverse.url,
            xeroUrl: xero.url,
            relayUrl: relay.url,
            solutionZip: zip,
          });
    if (shell.running) stops.push(() => shell.shell.stop());
    const state: SandboxState = {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      dataverse: {
        url: dataverse.url,
        tenantId: dataverse.tenantId,
        clientId: dataverse.clientId,
        clientSecret: dataverse.clientSecret,
        tokenEndpoint: dataverse.tokenEndpoint,
        userTokenUrl: `${dataverse.url}/_admin/user-token`,
      },
      xero: {
        url: xero.url,
        apiBasePath: xero.apiBasePath,
        tenantId: tenant.tenantId,
        tenantName: tenant.name,
        consentUrl: consentUrl(xero.url, xero.clientId, `${relayUrl}/oauth/callback`, config.xero.scopes),
      },
      relay: { url: relay.url },
      shell: { url: shell.running ? shell.shell.url : null, port: ports.shell },
      connectionId: seed.connectionId,
    };
    const stateFile = writeState(dataDir, state);
    stops.splice(0, 0, async () => removeState(dataDir, process.pid));
    const plain = DEMO_INVOICES[0].name;
    const plainRow = await relay.dataverse.get<Record<string, unknown>>(
      `${SYSTEM_TABLES.invoice.entitySet}(${seed.invoices[plain]})`,
      { select: [SYSTEM_COLUMNS.invoice.invoiceNumber, COLUMNS.invoice.syncStatus] },
    );
    const lines = bannerLines({
      state,
      dataDir,
      shellNote: shell.running ? '' : shell.reason,
      seedNote:
        seed.created > 0
          ? `seeded ${Object.keys(seed.invoices).length} invoices (${seed.created} records created; codes: ${seed.pullSummary})`
          : `already seeded (${Object.keys(seed.invoices).length} invoices; nothing added)`,
      tryNumber: plainRow ? String(plainRow[SYSTEM_COLUMNS.invoice.invoiceNumber]) : undefined,
      tryName:
        plainRow && plainRow[COLUMNS.invoice.syncStatus] === CHOICES.syncStatus.values.synced
          ? `${plain} (already synced: a re-sync updates the same Xero invoice)`
          : plain,
    });
    return {
      urls: { dataverse: dataverse.url, xero: xero.url, relay: relay.url, shell: state.shell.url },
      state,
      stateFile,
      lines,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--reset');
  if (unknown.length > 0) {
    console.error(`Unknown option ${unknown[0]}. Usage: npm start [-- --reset]`);
    process.exit(1);
  }
  console.log(
    args.includes('--reset') ? 'Starting the sandbox from scratch (--reset)…' : 'Starting the sandbox…',
  );
  const sandbox = await startSandbox({
    reset: args.includes('--reset'),
    log: (line) => console.log(line),
    // For tests and side-by-side runs: another data folder, and a build only when the zip is missing.
    dataDir: process.env.SANDBOX_DATA_DIR || undefined,
    build: process.env.SANDBOX_BUILD === 'if-missing' ? 'if-missing' : 'if-needed',
    // The relay's JSON logs would bury the URLs; SANDBOX_LOG_LEVEL=warn|info|debug shows them.
    relayLogLevel: process.env.SANDBOX_LOG_LEVEL || 'error',
  });
  for (const line of sandbox.lines) console.log(line);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the relay, the emulators and the demo shell…`);
    sandbox.stop().then(
      () => {
        console.log('Sandbox stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`The sandbox could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
