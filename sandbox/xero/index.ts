// The Xero emulator, usable in-process (tests, the sandbox) or through cli.ts. It listens on
// 127.0.0.1 only. See sandbox/xero/README.md for what it covers.
import { randomBytes } from 'node:crypto';
import { AdminService } from './admin';
import { API_BASE, createAccountingApi } from './api/accounting';
import { createClock } from './clock';
import type { DomainEvent } from './domain/orgContext';
import { Grants } from './identity/grants';
import { IdTokenSigner } from './identity/idToken';
import { Faults } from './ops/faults';
import { IdempotencyKeys } from './ops/idempotency';
import { RateLimiter } from './ops/rateLimiter';
import { WebhookSender } from './ops/webhooks';
import {
  DEFAULT_AUTH_CODE_TTL_MS,
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  DEFAULT_IDEMPOTENCY_WINDOW_MS,
  DEFAULT_LIMITS,
  DEFAULT_MAX_REQUEST_BYTES,
  DEFAULT_ORGANISATION,
  DEFAULT_REDIRECT_URIS,
  silentLog,
  type XeroEmulatorOptions,
} from './options';
import { createOrganisation } from './seed';
import { createHttpServer, listen } from './server';
import { Store } from './store';
import { createSchemaValidator } from './validation';

export type { XeroEmulatorOptions } from './options';
export type { AdminService } from './admin';
export { signWebhookBody } from './ops/webhooks';

export interface XeroEmulator {
  /** The origin, e.g. http://127.0.0.1:4010 (identity endpoints and /connections live here). */
  url: string;
  /** origin + '/api.xro/2.0': set xero-node's `accountingApi.basePath` to this. */
  apiBasePath: string;
  /** The OpenID issuer (discovery at identityUrl + '/.well-known/openid-configuration'). */
  identityUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  tenants: { tenantId: string; name: string }[];
  admin: AdminService;
  stop(): Promise<void>;
}

export async function startXeroEmulator(options: XeroEmulatorOptions = {}): Promise<XeroEmulator> {
  const log = options.log ?? silentLog;
  const clock = createClock(options.now);
  const store = new Store(options.dataDir);
  let origin = '';
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET;
  const redirectUris = options.redirectUris ?? DEFAULT_REDIRECT_URIS;
  // Xero puts the calling app's name in ProviderName; the consent page shows the same name.
  const appName = options.providerName ?? 'Stellarise Connector';
  const legacyScopes = options.legacyScopes ?? false;

  const existing = new Set(store.tenantIds());
  const seeds = options.organisations ?? (existing.size === 0 ? [DEFAULT_ORGANISATION] : []);
  for (const seed of seeds) {
    const known = seed.tenantId
      ? existing.has(seed.tenantId)
      : store.tenantIds().some((t) => store.organisations.get(t, t)?.Name === seed.name);
    if (!known) createOrganisation(store, seed, clock.now());
  }

  const limiter = new RateLimiter(
    {
      ...DEFAULT_LIMITS,
      ...(options.limits ?? {}),
      ...(options.minuteMs ? { minuteMs: options.minuteMs } : {}),
    },
    clock.now,
  );
  const faults = new Faults(options.latencyMs ?? 0);
  const grants = new Grants(
    store,
    clock.now,
    () => origin,
    clientSecret + randomBytes(8).toString('hex'),
    new IdTokenSigner(),
    options.authCodeTtlMs ?? DEFAULT_AUTH_CODE_TTL_MS,
  );
  const webhooks = new WebhookSender({
    now: clock.now,
    resourceBase: () => origin + API_BASE,
    log,
    retryBaseMs: options.webhookRetryBaseMs,
  });
  const onEvents = (events: DomainEvent[]) => webhooks.enqueue(events);
  const admin = new AdminService({
    store,
    clock,
    grants,
    limiter,
    faults,
    webhooks,
    origin: () => origin,
    clientId,
    redirectUris,
    legacyScopes,
    onEvents,
  });
  const accounting = createAccountingApi({
    store,
    clock,
    grants,
    limiter,
    faults,
    idempotency: new IdempotencyKeys(
      store,
      options.idempotencyWindowMs ?? DEFAULT_IDEMPOTENCY_WINDOW_MS,
      clock.now,
    ),
    schemas: createSchemaValidator(options.specPath),
    providerName: appName,
    origin: () => origin,
    onEvents,
    maxRequestBytes: options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
  });
  const identity = {
    store,
    grants,
    clientId,
    clientSecret,
    redirectUris,
    origin: () => origin,
    appName,
    legacyScopes,
  };
  const server = createHttpServer({ store, clock, faults, admin, identity, accounting });
  const address = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  origin = `http://${address.address}:${address.port}`;
  log.info({ url: origin }, 'xero emulator listening');
  if (options.webhook) void webhooks.configure(options.webhook);

  return {
    url: origin,
    apiBasePath: origin + API_BASE,
    identityUrl: origin,
    clientId,
    clientSecret,
    redirectUris,
    tenants: admin.tenants(),
    admin,
    stop: async () => {
      webhooks.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
