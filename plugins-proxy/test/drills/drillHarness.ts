/**
 * A world for relays that run as child processes: both emulators in this process (127.0.0.1:0),
 * the built solution imported, demo data and a connected connection seeded (tokens encrypted into
 * the shared store), and `spawnRelay()` starting `relayProcess.ts` with the production
 * environment. Used by the kill -9 drills, the several-relays tests and the benchmarks. The store
 * is a SQLite file in a temp dir unless a store URL (PostgreSQL) is given.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { startDataverseEmulator, type DataverseEmulator } from '../../../sandbox/dataverse';
import { startXeroEmulator, type XeroEmulator } from '../../../sandbox/xero';
import type { RateLimitSettings } from '../../../sandbox/xero/options';
import { CHOICES, COLUMNS, COMPONENTS, SYSTEM_TABLES, TABLES } from '../../../solution/names';
import { pushRequestRecord } from '../../../webresources/scripts/syncRequest';
import { openStore } from '../../src/adapters/store/openStore';
import type { Store } from '../../src/adapters/store/store';
import { loadConfig } from '../../src/config';
import { ensureSolutionZip } from './solutionZip';
import { seedDemoData, storeConnectionTokens, type SeedIds } from '../integration/seed';
import { webApi, type Row, type WebApi } from '../integration/webApi';
import { READY_PREFIX, type RelayProcessOverrides } from './relayProcess';

const REPO = path.join(__dirname, '../../..');
const ENTRY = path.join(__dirname, 'relayProcess.ts');
const HS = CHOICES.syncHistoryStatus.values;
export const FINAL_STATUSES = new Set<number>([HS.succeeded, HS.failed, HS.needsReview, HS.skipped]);
/** Nothing listens here: deliveries fail at once, as when every relay is down. */
const NOWHERE = 'http://127.0.0.1:9';

export interface WorldOptions {
  /** PostgreSQL URL shared by every relay; default a SQLite file in a temp dir. */
  storeUrl?: string;
  /** The Xero emulator's limits (default Xero's real ones on a 1 s "minute"). */
  xeroLimits?: Partial<RateLimitSettings>;
  xeroLatencyMs?: number;
  /** Added to every Dataverse data request (a delay fault without a count). */
  dataverseLatencyMs?: number;
  workerConcurrency?: number;
  maxAttempts?: number;
}

export interface RelayProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Resident set size now, from /proc (0 where /proc is missing). */
  rssMb(): number;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface World {
  dataverse: DataverseEmulator;
  xero: XeroEmulator;
  tenantId: string;
  seed: SeedIds;
  api: WebApi;
  /** The parent's own handle on the relays' store (job ledger checks). */
  store: Store;
  storeUrl: string;
  env: Record<string, string>;
  /** Queues the push request as the ribbon does (row Queued, invoice marked Queued). */
  queueSync(invoiceId: string, invoiceName: string, trigger?: number): Promise<string>;
  spawnRelay(overrides?: RelayProcessOverrides, env?: Record<string, string>): Promise<RelayProcess>;
  /** Points the solution's webhook at a relay, or at nowhere (null). */
  pointWebhookAt(relayUrl: string | null): Promise<void>;
  historyRows(rowIds: readonly string[]): Promise<Row[]>;
  waitAllFinal(rowIds: readonly string[], timeoutMs: number): Promise<Row[]>;
  xeroInvoices(): Row[];
  stop(): Promise<void>;
}

export const WEBHOOK_SECRET = 'drill-webhook-secret-0123456789abcdef';

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-drill-'));
  const dataverse = await startDataverseEmulator({ dataDir: null });
  await dataverse.importSolution(ensureSolutionZip());
  const xero = await startXeroEmulator({
    organisations: [{ name: 'Drill Demo Ltd', demoData: true, baseCurrency: 'USD' }],
    limits: { minuteMs: 1000, ...options.xeroLimits },
    latencyMs: options.xeroLatencyMs ?? 0,
  });
  const tenant = xero.tenants[0];
  const storeUrl = options.storeUrl ?? `sqlite:${path.join(dir, 'relay.db')}`;
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL: 'http://127.0.0.1:1',
    DATAVERSE_URL: dataverse.url,
    ENTRA_TENANT_ID: dataverse.tenantId,
    ENTRA_CLIENT_ID: dataverse.clientId,
    ENTRA_CLIENT_SECRET: dataverse.clientSecret,
    ENTRA_AUTHORITY_METADATA: dataverse.authorityMetadata,
    XERO_CLIENT_ID: xero.clientId,
    XERO_CLIENT_SECRET: xero.clientSecret,
    XERO_WEBHOOK_KEY: 'drill-xero-webhook-key',
    XERO_API_BASE_URL: xero.apiBasePath,
    XERO_IDENTITY_BASE_URL: xero.identityUrl,
    XERO_LOGIN_BASE_URL: xero.url,
    XERO_CONNECTIONS_URL: `${xero.url}/connections`,
    DATAVERSE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ENCRYPTION_KEY_ID: 'drill-1',
    DATABASE_URL: storeUrl,
    // The emulator's organisation id: webhooks from it are accepted, and PostgreSQL rows of
    // different worlds stay apart.
    DYNAMICS_ORG_ID: dataverse.seeds.organizationId,
    LOG_LEVEL: process.env.DEBUG_RELAY ? 'debug' : 'silent',
    WORKER_CONCURRENCY: String(options.workerConcurrency ?? 4),
    JOB_MAX_ATTEMPTS: String(options.maxAttempts ?? 10),
    RECONCILER_INTERVAL_MS: '2000',
  };
  const config = loadConfig(env);
  const api = webApi(dataverse, () => dataverse.admin.appToken());
  const userApi = webApi(dataverse, () => dataverse.admin.userToken());
  const seed = await seedDemoData(api, tenant);
  const store = await openStore(storeUrl, config.orgId);
  await storeConnectionTokens(store, config, seed.connectionId, xero, tenant);
  if (options.dataverseLatencyMs) dataverse.admin.addFault({ delayMs: options.dataverseLatencyMs });
  const children = new Set<RelayProcess>();

  const pointWebhookAt = async (relayUrl: string | null) => {
    const [endpoint] = await api.list(
      `serviceendpoints?$select=serviceendpointid&$filter=name eq '${COMPONENTS.webhookEndpoint}'`,
    );
    await api.update(`serviceendpoints(${String(endpoint.serviceendpointid)})`, {
      url: `${relayUrl ?? NOWHERE}/dataverse/webhook`,
      authvalue: `<settings><setting name="${COMPONENTS.webhookAuthHeader}" value="${WEBHOOK_SECRET}" /></settings>`,
    });
  };
  await pointWebhookAt(null);
  const historyRows = async (rowIds: readonly string[]) => {
    const rows: Row[] = [];
    for (const id of rowIds) rows.push(await api.get(`${TABLES.syncHistory.entitySet}(${id})`));
    return rows;
  };

  return {
    dataverse,
    xero,
    tenantId: tenant.tenantId,
    seed,
    api,
    store,
    storeUrl,
    env,
    async queueSync(invoiceId, invoiceName, trigger = CHOICES.trigger.values.bulk) {
      const rowId = await userApi.create(
        TABLES.syncHistory.entitySet,
        pushRequestRecord({ id: invoiceId, name: invoiceName }, trigger as never),
      );
      await userApi.update(`${SYSTEM_TABLES.invoice.entitySet}(${invoiceId})`, {
        [COLUMNS.invoice.syncStatus]: CHOICES.syncStatus.values.queued,
      });
      return rowId;
    },
    async spawnRelay(overrides = {}, extraEnv = {}) {
      const relay = await spawnRelayProcess({
        ...process.env,
        ...env,
        ...extraEnv,
        RELAY_TEST_OVERRIDES: JSON.stringify(overrides),
      });
      children.add(relay);
      void relay.exited.then(() => children.delete(relay));
      return relay;
    },
    pointWebhookAt,
    historyRows,
    async waitAllFinal(rowIds, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const rows = await historyRows(rowIds);
        const open = rows.filter((r) => !FINAL_STATUSES.has(Number(r[COLUMNS.syncHistory.status])));
        if (open.length === 0) return rows;
        if (Date.now() > deadline) {
          throw new Error(
            `Timed out after ${timeoutMs} ms: ${open.length} of ${rowIds.length} rows not final`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    xeroInvoices() {
      const listed = xero.admin.list(tenant.tenantId, 'invoices');
      if (!listed.ok) throw new Error(listed.message);
      return listed.value as Row[];
    },
    async stop() {
      for (const child of [...children]) await child.kill('SIGKILL');
      await store.close();
      await dataverse.stop();
      await xero.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function spawnRelayProcess(env: NodeJS.ProcessEnv): Promise<RelayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', process.env.DEBUG_RELAY ? 'inherit' : 'ignore'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith(READY_PREFIX)) resolve(line.slice(READY_PREFIX.length).trim());
    });
    void exited.then((code) => reject(new Error(`relay process exited with ${code} before it was ready`)));
  });
  const pid = child.pid!;
  return {
    url,
    pid,
    child,
    exited,
    rssMb: () => readRssMb(pid),
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

function readRssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}
