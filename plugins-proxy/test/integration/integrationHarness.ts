/**
 * The integration harness: both emulators in-process on 127.0.0.1:0, the built solution imported
 * into the Dataverse emulator, demo data seeded, a connection already connected (tokens from the
 * Xero emulator's consent + code exchange, encrypted into the relay's store), and the relay from
 * createRelay talking to both over real HTTP. The store is SQLite by default, PostgreSQL when
 * TEST_DATABASE_URL is set. Helpers queue a sync exactly as the ribbon does and wait for a row to
 * reach a final state by polling with a bounded timeout.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDataverseEmulator, type DataverseEmulator } from '../../../sandbox/dataverse';
import { startXeroEmulator, type XeroEmulator } from '../../../sandbox/xero';
import { DEFAULT_REDIRECT_URIS } from '../../../sandbox/xero/options';
import { CHOICES, COLUMNS, COMPONENTS, SYSTEM_TABLES, TABLES } from '../../../solution/names';
import { invoiceRequestRecord, pushRequestRecord } from '../../../webresources/scripts/syncRequest';
import { openStore } from '../../src/adapters/store/openStore';
import type { Store } from '../../src/adapters/store/store';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createRelay, type Relay, type RelayOverrides } from '../../src/relay/createRelay';
import { createInvoice, seedDemoData, storeConnectionTokens, type InvoiceSpec, type SeedIds } from './seed';
import { webApi, type Row, type WebApi } from './webApi';

const REPO = path.join(__dirname, '../../..');
const SOLUTION_ZIP = path.join(REPO, 'dist/StellariseConnector_1_0_0_0_managed.zip');
export const WEBHOOK_SECRET = 'integration-webhook-secret-0123456789';
/** Nothing listens here: a test takes Xero's redirect and replays its path on the relay's real URL. */
export const PUBLIC_URL = 'http://127.0.0.1:1';
const HS = CHOICES.syncHistoryStatus.values;
const FINAL = new Set<number>([HS.succeeded, HS.failed, HS.needsReview, HS.skipped]);

export interface Harness {
  dataverse: DataverseEmulator;
  xero: XeroEmulator;
  relay: Relay;
  relayUrl: string;
  config: Config;
  store: Store;
  tenantId: string;
  seed: SeedIds;
  /** As the relay's application user. */
  api: WebApi;
  /** As the signed-in Dynamics user (the ribbon). */
  userApi: WebApi;
  createInvoice(spec: InvoiceSpec): Promise<string>;
  /** Creates the Queued stl_synchistory row and marks the invoice Queued, as the ribbon does. */
  queueSync(invoiceId: string, trigger?: number): Promise<string>;
  /** Creates the Queued "Email document" row, as the ribbon's Email from Xero does. */
  queueEmail(invoiceId: string): Promise<string>;
  waitForFinal(rowId: string, timeoutMs?: number): Promise<Row>;
  waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  historyRow(rowId: string): Promise<Row>;
  invoiceRow(invoiceId: string): Promise<Row>;
  setConnection(columns: Row): Promise<void>;
  /** Points the solution's webhook at the relay with this secret (the configure step's job). */
  setWebhookSecret(secret: string): Promise<void>;
  /** Accounting API calls the Xero emulator saw since the last clear, as "METHOD /Path". */
  xeroCalls(filter?: RegExp): string[];
  /** The invoices (ACCREC and ACCPAY) the Xero emulator holds, as Xero renders them. */
  xeroInvoices(): Row[];
  xeroInvoice(invoiceId: unknown): Row | undefined;
  /** Stops the relay (not the emulators) and starts a new one on the same store. */
  relaunchRelay(overrides?: RelayOverrides, wrapStore?: (store: Store) => Store): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  relay?: RelayOverrides;
  workerConcurrency?: number;
  maxAttempts?: number;
}

function ensureSolutionZip(): string {
  if (!fs.existsSync(SOLUTION_ZIP)) {
    execFileSync('npx', ['tsx', 'scripts/build.ts'], { cwd: REPO, stdio: 'ignore' });
  }
  return SOLUTION_ZIP;
}

function storeUrl(dir: string): string {
  return process.env.TEST_DATABASE_URL ?? `sqlite:${path.join(dir, 'relay.db')}`;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-it-'));
  const dataverse = await startDataverseEmulator({ dataDir: null });
  await dataverse.importSolution(ensureSolutionZip());
  const xero = await startXeroEmulator({
    organisations: [{ name: 'Harness Demo Ltd', demoData: true, baseCurrency: 'USD' }],
    limits: { perMinute: 100_000, perDay: 1_000_000, appPerMinute: 1_000_000, concurrent: 50 },
    // The relay's own callback, and the emulator's default one that older tests' flows still use.
    redirectUris: [`${PUBLIC_URL}/oauth/callback`, ...DEFAULT_REDIRECT_URIS],
    // A one-second "minute": an injected 429 says Retry-After 1 rather than 60.
    minuteMs: 1000,
  });
  const tenant = xero.tenants[0];
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL,
    DATAVERSE_URL: dataverse.url,
    ENTRA_TENANT_ID: dataverse.tenantId,
    ENTRA_CLIENT_ID: dataverse.clientId,
    ENTRA_CLIENT_SECRET: dataverse.clientSecret,
    ENTRA_AUTHORITY_METADATA: dataverse.authorityMetadata,
    XERO_CLIENT_ID: xero.clientId,
    XERO_CLIENT_SECRET: xero.clientSecret,
    XERO_WEBHOOK_KEY: 'integration-xero-webhook-key',
    XERO_API_BASE_URL: xero.apiBasePath,
    XERO_IDENTITY_BASE_URL: xero.identityUrl,
    XERO_LOGIN_BASE_URL: xero.url,
    XERO_CONNECTIONS_URL: `${xero.url}/connections`,
    DATAVERSE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ENCRYPTION_KEY_ID: 'it-1',
    DATABASE_URL: storeUrl(dir),
    LOG_LEVEL: 'silent',
    WORKER_CONCURRENCY: String(options.workerConcurrency ?? 4),
    JOB_MAX_ATTEMPTS: String(options.maxAttempts ?? 8),
    // The reconciler runs when a test asks (relay.reconcile) or at start-up, not on a timer.
    RECONCILER_INTERVAL_MS: String(60 * 60_000),
  });
  // A fresh org id per harness keeps PostgreSQL runs of different files apart.
  const orgId = `it-${randomBytes(4).toString('hex')}`;
  const api = webApi(dataverse, () => dataverse.admin.appToken());
  const userApi = webApi(dataverse, () => dataverse.admin.userToken());
  const seed = await seedDemoData(api, tenant);

  let store = await openStore(config.databaseUrl, orgId);
  await storeConnectionTokens(store, config, seed.connectionId, xero, tenant);

  const fast: RelayOverrides = {
    logger: createLogger({ level: process.env.DEBUG_RELAY ? 'debug' : 'silent' }),
    backoff: { baseDelayMs: 50, maxDelayMs: 500 },
    pollIntervalMs: 50,
    keepStoreOpen: true,
    // A short relay "minute" (the drills time their outages in it); injected 429s carry their own
    // Retry-After, so nothing here stands in for one any more.
    xeroLimits: {
      perMinute: 100_000,
      perDay: 1_000_000,
      appPerMinute: 1_000_000,
      maxConcurrent: 50,
      minuteMs: 500,
    },
  };
  let relay = await createRelay(config, { ...fast, ...options.relay, store });
  let relayUrl = await relay.start();
  await pointWebhookAt(api, relayUrl);

  const history = (id: string) => api.get(`${TABLES.syncHistory.entitySet}(${id})`);
  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 25_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  const harness: Harness = {
    dataverse,
    xero,
    get relay() {
      return relay;
    },
    get relayUrl() {
      return relayUrl;
    },
    config,
    get store() {
      return store;
    },
    tenantId: tenant.tenantId,
    seed,
    api,
    userApi,
    createInvoice: (spec) => createInvoice(api, seed, spec),
    async queueSync(invoiceId, trigger = CHOICES.trigger.values.button) {
      const invoice = await api.get(`${SYSTEM_TABLES.invoice.entitySet}(${invoiceId})?$select=name`);
      const rowId = await userApi.create(
        TABLES.syncHistory.entitySet,
        pushRequestRecord({ id: invoiceId, name: String(invoice.name ?? invoiceId) }, trigger as never),
      );
      await userApi.update(`${SYSTEM_TABLES.invoice.entitySet}(${invoiceId})`, {
        [COLUMNS.invoice.syncStatus]: CHOICES.syncStatus.values.queued,
      });
      return rowId;
    },
    async queueEmail(invoiceId) {
      const invoice = await api.get(`${SYSTEM_TABLES.invoice.entitySet}(${invoiceId})?$select=name`);
      return userApi.create(
        TABLES.syncHistory.entitySet,
        invoiceRequestRecord(
          { id: invoiceId, name: String(invoice.name ?? invoiceId) },
          CHOICES.operation.values.emailDocument,
          CHOICES.trigger.values.button,
        ),
      );
    },
    waitFor,
    waitForFinal: (rowId, timeoutMs) =>
      waitFor(
        `sync row ${rowId} to finish`,
        async () => {
          const row = await history(rowId);
          return FINAL.has(Number(row[COLUMNS.syncHistory.status])) ? row : undefined;
        },
        timeoutMs,
      ),
    historyRow: history,
    invoiceRow: (id) => api.get(`${SYSTEM_TABLES.invoice.entitySet}(${id})`),
    setConnection: (columns) => api.update(`${TABLES.connection.entitySet}(${seed.connectionId})`, columns),
    xeroCalls(filter) {
      const calls = xero.admin
        .requestLog()
        .requests.filter((r) => r.path.toLowerCase().startsWith('/api.xro/2.0/'))
        .map((r) => `${r.method} ${r.path.slice('/api.xro/2.0'.length)}`);
      return filter ? calls.filter((c) => filter.test(c)) : calls;
    },
    setWebhookSecret: (secret) => pointWebhookAt(api, relayUrl, secret),
    xeroInvoices() {
      const listed = xero.admin.list(tenant.tenantId, 'invoices');
      if (!listed.ok) throw new Error(listed.message);
      return listed.value as Row[];
    },
    xeroInvoice(invoiceId) {
      return harness.xeroInvoices().find((i) => i.InvoiceID === invoiceId);
    },
    async relaunchRelay(overrides = {}, wrapStore = (s) => s) {
      await relay.stop();
      await store.close();
      store = await openStore(config.databaseUrl, orgId);
      relay = await createRelay(config, { ...fast, ...options.relay, ...overrides, store: wrapStore(store) });
      relayUrl = await relay.start();
      await pointWebhookAt(api, relayUrl);
    },
    async stop() {
      await relay.stop();
      await store.close();
      await dataverse.stop();
      await xero.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** What the configure step does: the solution's webhook endpoint → this relay, with the secret. */
async function pointWebhookAt(api: WebApi, relayUrl: string, secret = WEBHOOK_SECRET): Promise<void> {
  const [endpoint] = await api.list(
    `serviceendpoints?$select=serviceendpointid&$filter=name eq '${COMPONENTS.webhookEndpoint}'`,
  );
  if (!endpoint) throw new Error(`The solution has no ${COMPONENTS.webhookEndpoint} service endpoint`);
  await api.update(`serviceendpoints(${String(endpoint.serviceendpointid)})`, {
    url: `${relayUrl}/dataverse/webhook`,
    authvalue: `<settings><setting name="${COMPONENTS.webhookAuthHeader}" value="${secret}" /></settings>`,
  });
}
