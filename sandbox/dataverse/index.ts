import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { authorityMetadata, TokenService } from './auth';
import type { EmulatorContext, SeedIds } from './context';
import { FaultInjector, type FaultRule, type LimitThresholds, RequestLog, ServiceProtection } from './limits';
import { systemModel } from './model/systemTables';
import { loadOrCreateSeedIds, writeSeedRecords } from './seeds';
import { createRequestListener } from './server';
import { ensureMessageFilters } from './solution/importComponents';
import { writeSalesComponents } from './solution/salesComponents';
import { type ImportedSolution, importSolutionZip, loadModel } from './solutionImport';
import { Store } from './store';
import { type Delivery, WebhookDispatcher } from './webhooks';

export interface DataverseEmulatorOptions {
  port?: number;
  host?: '127.0.0.1';
  /** A folder for the SQLite file; null keeps everything in memory (tests). */
  dataDir?: string | null;
  clientId?: string;
  clientSecret?: string;
  tenantId?: string;
  tokenTtlSeconds?: number;
  solutionZips?: string[];
  log?: (line: string) => void;
  /** How long a newly imported alternate key stays Pending before it is Active or Failed; default 1 s. */
  keyActivationDelayMs?: number;
}

export interface DataverseEmulator {
  /** The org URL, e.g. http://127.0.0.1:5555; the Web API is at `${url}/api/data/v9.2/`. */
  url: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** `${url}/${tenantId}/oauth2/v2.0/token` */
  tokenEndpoint: string;
  /** JSON for msal-node's `auth.authorityMetadata` (reference/dataverse-webapi.md §2). */
  authorityMetadata: string;
  seeds: SeedIds;
  importSolution(zip: string | Buffer | Uint8Array): Promise<ImportedSolution>;
  admin: {
    /** A bearer token for the application user (what the relay gets through MSAL). */
    appToken(ttlSeconds?: number): string;
    /** A bearer token for the browser demo's user. */
    userToken(userId?: string, ttlSeconds?: number): string;
    setLimits(limits: Partial<LimitThresholds>): LimitThresholds;
    /** Resolves once `count` data requests are in flight at once. */
    whenInFlight(count: number): Promise<void>;
    addFault(rule: FaultRule): void;
    clearFaults(): void;
    requestLog: RequestLog;
    webhookDeliveries(): Delivery[];
    /** Resolves when every webhook delivery scheduled so far has finished. */
    webhooksSettled(): Promise<void>;
  };
  stop(): Promise<void>;
}

export const DEFAULTS = {
  clientId: '11111111-1111-1111-1111-111111111111',
  clientSecret: 'emulator-secret',
  tenantId: '00000000-0000-0000-0000-0000000000aa',
  tokenTtlSeconds: 3599,
} as const;

export async function startDataverseEmulator(
  options: DataverseEmulatorOptions = {},
): Promise<DataverseEmulator> {
  const log = options.log ?? (() => undefined);
  const config = {
    clientId: options.clientId ?? DEFAULTS.clientId,
    clientSecret: options.clientSecret ?? DEFAULTS.clientSecret,
    tenantId: options.tenantId ?? DEFAULTS.tenantId,
    tokenTtlSeconds: options.tokenTtlSeconds ?? DEFAULTS.tokenTtlSeconds,
  };
  const store = new Store(options.dataDir ?? null);
  let baseUrl = '';
  const ctx: EmulatorContext = {
    model: systemModel(),
    store,
    seeds: loadOrCreateSeedIds(store),
    orgUrl: () => baseUrl,
    pendingEvents: [],
    keyActivationDelayMs: options.keyActivationDelayMs,
  };
  loadModel(ctx);
  writeSeedRecords(ctx, config.clientId);
  writeSalesComponents(ctx);
  ensureMessageFilters(ctx);
  const savedKey = store.getMeta('tokenKey');
  const key = savedKey ? Buffer.from(savedKey, 'base64') : TokenService.newKey();
  if (!savedKey) store.setMeta('tokenKey', key.toString('base64'));
  const tokens = new TokenService(config, key, () => baseUrl);
  const limits = new ServiceProtection();
  const faults = new FaultInjector();
  const requestLog = new RequestLog();
  const webhooks = new WebhookDispatcher(ctx, log);
  const server = http.createServer(
    createRequestListener({ ctx, limits, faults, log: requestLog, tokens, webhooks }, log),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${address.port}`;
  for (const zip of options.solutionZips ?? []) importSolutionZip(ctx, zip);
  log(`dataverse emulator listening on ${baseUrl}`);
  return {
    url: baseUrl,
    tenantId: config.tenantId,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    tokenEndpoint: `${baseUrl}/${config.tenantId}/oauth2/v2.0/token`,
    authorityMetadata: authorityMetadata(baseUrl, config.tenantId),
    seeds: ctx.seeds,
    importSolution: async (zip) => importSolutionZip(ctx, zip),
    admin: {
      appToken: (ttl) =>
        tokens.issue(ctx.seeds.applicationUserId, { appId: config.clientId, ttlSeconds: ttl }).access_token,
      userToken: (userId, ttl) =>
        tokens.issue(userId ?? ctx.seeds.demoUserId, { ttlSeconds: ttl }).access_token,
      setLimits: (l) => limits.set(l),
      whenInFlight: (count) => limits.whenInFlight(count),
      addFault: (rule) => void faults.add(rule),
      clearFaults: () => faults.clear(),
      requestLog,
      webhookDeliveries: () => webhooks.deliveries,
      webhooksSettled: () => webhooks.settled(),
    },
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await webhooks.settled();
      store.close();
    },
  };
}
