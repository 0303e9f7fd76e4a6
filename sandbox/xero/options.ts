// Options of the Xero emulator and the defaults that follow Xero's documented figures
// (reference/xero-api.md §3.1 rate limits and request size, §3.3 idempotency window, §4 token lifetimes).

export interface OrgSeed {
  name: string;
  tenantId?: string;
  shortCode?: string;
  countryCode?: string;
  baseCurrency?: string;
  timezone?: string;
  /** Extra currencies enabled; a non-empty list turns multi-currency on. */
  currencies?: string[];
  /** Demo data: a few contacts and items on top of the chart of accounts. */
  demoData?: boolean;
}

export interface RateLimitSettings {
  concurrent: number;
  perMinute: number;
  perDay: number;
  appPerMinute: number;
  /** Length of a "minute" in clock milliseconds; 6000 gives a 6-second minute for benchmarks. */
  minuteMs: number;
}

export interface WebhookSettings {
  url: string;
  key: string;
}

/** pino's call order (fields, message), so a pino logger can be passed as is. */
export interface EmulatorLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface XeroEmulatorOptions {
  port?: number;
  host?: string;
  /** A folder for the SQLite file, or null/undefined for an in-memory database. */
  dataDir?: string | null;
  /** Path to xero_accounting.yaml; when given, request bodies are checked against its components. */
  specPath?: string;
  clientId?: string;
  clientSecret?: string;
  redirectUris?: string[];
  organisations?: OrgSeed[];
  minuteMs?: number;
  latencyMs?: number;
  limits?: Partial<RateLimitSettings>;
  now?: () => number;
  webhook?: WebhookSettings;
  /** First retry delay for failed webhook deliveries (doubles each attempt; default 500 ms). */
  webhookRetryBaseMs?: number;
  /** How long an Idempotency-Key is kept from its first call; Xero's is 6 minutes (§3.3). */
  idempotencyWindowMs?: number;
  authCodeTtlMs?: number;
  /**
   * The app was created before 2 March 2026, so it may still ask for the broad scopes
   * (accounting.transactions, accounting.reports.read); a newer app gets only the granular ones.
   */
  legacyScopes?: boolean;
  /** The largest Accounting API request body accepted; Xero's is 3.5 MB (§3.1). */
  maxRequestBytes?: number;
  providerName?: string;
  log?: EmulatorLog;
}

export const DEFAULT_CLIENT_ID = 'sandbox-client-id';
export const DEFAULT_CLIENT_SECRET = 'sandbox-client-secret';
export const DEFAULT_REDIRECT_URIS = ['http://localhost:3000/oauth/callback'];
export const DEFAULT_ORGANISATION: OrgSeed = { name: 'Demo Company (AU)', demoData: true };

export const DEFAULT_LIMITS: RateLimitSettings = {
  concurrent: 5,
  perMinute: 60,
  perDay: 5000,
  appPerMinute: 10000,
  minuteMs: 60_000,
};

export const MINUTE = 60_000;
export const ACCESS_TOKEN_TTL_MS = 30 * MINUTE;
export const REFRESH_TOKEN_IDLE_MS = 60 * 24 * 60 * MINUTE;
export const REFRESH_GRACE_MS = 30 * MINUTE;
/** Xero's auth codes are short-lived (30 s per reference §4, third-party source). */
export const DEFAULT_AUTH_CODE_TTL_MS = 30_000;
/** "keys are stored for 6 minutes from the time of the first call" (reference §3.3). */
export const DEFAULT_IDEMPOTENCY_WINDOW_MS = 6 * MINUTE;
/** "A single POST to the Accounting … has a size limit of 3.5MB" (reference §3.1). */
export const DEFAULT_MAX_REQUEST_BYTES = 3_500_000;

export const silentLog: EmulatorLog = { info: () => undefined, warn: () => undefined };
