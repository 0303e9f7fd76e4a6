/**
 * The relay's configuration, read from the environment once at start-up: the only module that reads
 * process.env. A bad variable stops start-up with a ConfigError naming every offending variable.
 */
import { z } from 'zod';

/**
 * The granular scopes of 2026, minimal for what the relay does: it writes invoices, credit notes,
 * items and contacts, and only reads payments and settings (docs/xero-behaviour.md#scopes).
 */
export const DEFAULT_XERO_SCOPES =
  'offline_access accounting.invoices accounting.payments.read accounting.contacts accounting.settings.read';

const SIX_HOURS_MS = 6 * 60 * 60 * 1000;

export interface EncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

export interface Config {
  /** Interface to listen on (default 127.0.0.1; 0.0.0.0 in a container behind a load balancer). */
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly dataverseUrl: string;
  /** The browser origin allowed to nudge (CORS). */
  readonly dataverseOrigin: string;
  readonly entra: {
    readonly tenantId: string;
    readonly clientId: string;
    readonly clientSecret: string;
    /** The Entra login host (default https://login.microsoftonline.com); the tenant id is appended. */
    readonly authorityHost: string;
    /** OpenID metadata JSON for msal-node, so the emulator needs no discovery endpoint. */
    readonly authorityMetadata?: string;
  };
  readonly xero: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly redirectUri: string;
    readonly webhookKey: string;
    readonly apiBaseUrl: string;
    readonly identityBaseUrl: string;
    readonly loginBaseUrl: string;
    readonly connectionsUrl: string;
    readonly scopes: readonly string[];
    /** Calls a day per organisation by the app's Xero tier: 1,000 on Starter, 5,000 above. */
    readonly dailyLimit: number;
    /** Organisations whose daily limit differs from `dailyLimit`, by tenant id. */
    readonly dailyLimits: Readonly<Record<string, number>>;
  };
  readonly dataverseWebhookSecret: string;
  readonly encryption: { readonly current: EncryptionKey; readonly previous: readonly EncryptionKey[] };
  readonly databaseUrl: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly workerConcurrency: number;
  readonly jobMaxAttempts: number;
  readonly reconcilerIntervalMs: number;
  readonly paymentsIntervalMs: number;
  readonly referenceIntervalMs: number;
  /** The Dynamics organisation id (GUID); when set, webhooks from any other organisation are refused. */
  readonly dynamicsOrgId?: string;
  /** What every store row and metric carries as org id: DYNAMICS_ORG_ID, else the Dataverse host. */
  readonly orgId: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid relay configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const required = (what: string) =>
  z
    .string({ error: `is required (${what})` })
    .trim()
    .min(1, `is required (${what})`);
const httpUrl = (what: string) =>
  required(what).pipe(z.url({ protocol: /^https?$/, error: `must be an http(s) URL (${what})` }));
const optionalHttpUrl = (fallback: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || fallback)
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }));
const positiveInt = (fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : fallback))
    .pipe(
      z
        .number({ error: 'must be a whole number' })
        .int('must be a whole number')
        .positive('must be positive'),
    );
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeKey(value: string): Buffer | null {
  const key = Buffer.from(value, 'base64');
  return key.length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? key : null;
}

const base64Key = required('base64 of 32 random bytes, e.g. `openssl rand -base64 32`').refine(
  (v) => decodeKey(v) !== null,
  'must be base64 of exactly 32 bytes (`openssl rand -base64 32`)',
);

const previousKeys = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    const keys: EncryptionKey[] = [];
    for (const entry of (v ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)) {
      const [id, value] = [entry.slice(0, entry.indexOf(':')), entry.slice(entry.indexOf(':') + 1)];
      const key = entry.includes(':') && id ? decodeKey(value) : null;
      if (!key)
        ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of keyId:base64key' });
      else keys.push({ id, key });
    }
    return keys;
  });

const jsonObject = z
  .string()
  .trim()
  .optional()
  .refine((v) => {
    if (!v) return true;
    try {
      const parsed: unknown = JSON.parse(v);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
    } catch {
      return false;
    }
  }, 'must be a JSON object (OpenID configuration metadata)');

const schema = z.object({
  PORT: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : 3000))
    .pipe(
      z
        .number({ error: 'must be a port number' })
        .int('must be a port number')
        .min(0, 'must be a port number')
        .max(65535, 'must be a port number'),
    ),
  PUBLIC_URL: httpUrl("the relay's public base URL"),
  DATAVERSE_URL: httpUrl('the Dataverse environment URL, e.g. https://org.crm.dynamics.com'),
  DATAVERSE_ORIGIN: z.string().trim().optional(),
  ENTRA_TENANT_ID: required('the Microsoft Entra tenant id'),
  ENTRA_CLIENT_ID: required("the relay's app registration client id"),
  ENTRA_CLIENT_SECRET: required("the relay's app registration client secret"),
  ENTRA_AUTHORITY_HOST: z.string().trim().optional(),
  HOST: z.string().trim().optional(),
  ENTRA_AUTHORITY_METADATA: jsonObject,
  XERO_CLIENT_ID: required('the Xero app client id'),
  XERO_CLIENT_SECRET: required('the Xero app client secret'),
  XERO_REDIRECT_URI: z.string().trim().optional(),
  XERO_WEBHOOK_KEY: required('the Xero webhook signing key'),
  XERO_API_BASE_URL: optionalHttpUrl('https://api.xero.com/api.xro/2.0'),
  XERO_IDENTITY_BASE_URL: optionalHttpUrl('https://identity.xero.com'),
  XERO_LOGIN_BASE_URL: optionalHttpUrl('https://login.xero.com'),
  XERO_CONNECTIONS_URL: optionalHttpUrl('https://api.xero.com/connections'),
  XERO_SCOPES: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v || DEFAULT_XERO_SCOPES).split(/\s+/)),
  XERO_DAILY_LIMIT: positiveInt(1000),
  XERO_DAILY_LIMITS: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.split(',').map((pair) => pair.split('=').map((x) => x.trim())) : []))
    .refine(
      (pairs) => pairs.every(([tenant, limit]) => tenant && /^\d+$/.test(limit ?? '') && Number(limit) > 0),
      'must be tenantId=limit pairs separated by commas, e.g. 2f1c…=5000',
    )
    .transform((pairs) => Object.fromEntries(pairs.map(([tenant, limit]) => [tenant, Number(limit)]))),
  DATAVERSE_WEBHOOK_SECRET: required('the shared secret the Dataverse webhook sends').min(
    16,
    'must be at least 16 characters',
  ),
  ENCRYPTION_KEY: base64Key,
  ENCRYPTION_KEY_ID: required('a short name for ENCRYPTION_KEY, e.g. 2026-01').regex(
    /^[A-Za-z0-9._-]+$/,
    'may contain only letters, digits, dot, dash and underscore',
  ),
  ENCRYPTION_KEYS_PREVIOUS: previousKeys,
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || 'sqlite:.sandbox/relay.db')
    .refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/i.test(v), 'must start with sqlite: or postgres://'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .optional()
    .default('info'),
  WORKER_CONCURRENCY: positiveInt(4),
  JOB_MAX_ATTEMPTS: positiveInt(8),
  RECONCILER_INTERVAL_MS: positiveInt(30_000),
  PAYMENTS_INTERVAL_MS: positiveInt(300_000),
  REFERENCE_INTERVAL_MS: positiveInt(SIX_HOURS_MS),
  DYNAMICS_ORG_ID: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || guid.test(v), 'must be a GUID (the Dynamics organisation id)'),
});

type Env = Record<string, string | undefined>;

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${String(issue.path[0] ?? '(environment)')} ${issue.message}`);
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function loadConfig(env: Env = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error));
  const v = parsed.data;
  const publicUrl = v.PUBLIC_URL.replace(/\/+$/, '');
  const dataverseUrl = v.DATAVERSE_URL.replace(/\/+$/, '');
  const dataverseOrigin = v.DATAVERSE_ORIGIN ? originOf(v.DATAVERSE_ORIGIN) : originOf(dataverseUrl);
  const redirectUri = v.XERO_REDIRECT_URI || `${publicUrl}/oauth/callback`;
  const authorityHost = (v.ENTRA_AUTHORITY_HOST || 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const problems: string[] = [];
  if (!dataverseOrigin)
    problems.push('DATAVERSE_ORIGIN must be an origin such as https://org.crm.dynamics.com');
  if (!originOf(redirectUri)) problems.push('XERO_REDIRECT_URI must be a URL');
  if (!originOf(authorityHost))
    problems.push('ENTRA_AUTHORITY_HOST must be a URL such as https://login.microsoftonline.com');
  const current = { id: v.ENCRYPTION_KEY_ID, key: decodeKey(v.ENCRYPTION_KEY) as Buffer };
  if (v.ENCRYPTION_KEYS_PREVIOUS.some((k) => k.id === current.id)) {
    problems.push('ENCRYPTION_KEYS_PREVIOUS must not reuse the id in ENCRYPTION_KEY_ID');
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    host: v.HOST || '127.0.0.1',
    port: v.PORT,
    publicUrl,
    dataverseUrl,
    dataverseOrigin: dataverseOrigin as string,
    entra: {
      tenantId: v.ENTRA_TENANT_ID,
      clientId: v.ENTRA_CLIENT_ID,
      clientSecret: v.ENTRA_CLIENT_SECRET,
      authorityHost,
      authorityMetadata: v.ENTRA_AUTHORITY_METADATA || undefined,
    },
    xero: {
      clientId: v.XERO_CLIENT_ID,
      clientSecret: v.XERO_CLIENT_SECRET,
      redirectUri,
      webhookKey: v.XERO_WEBHOOK_KEY,
      apiBaseUrl: v.XERO_API_BASE_URL.replace(/\/+$/, ''),
      identityBaseUrl: v.XERO_IDENTITY_BASE_URL.replace(/\/+$/, ''),
      loginBaseUrl: v.XERO_LOGIN_BASE_URL.replace(/\/+$/, ''),
      connectionsUrl: v.XERO_CONNECTIONS_URL,
      scopes: v.XERO_SCOPES,
      dailyLimit: v.XERO_DAILY_LIMIT,
      dailyLimits: v.XERO_DAILY_LIMITS,
    },
    dataverseWebhookSecret: v.DATAVERSE_WEBHOOK_SECRET,
    encryption: { current, previous: v.ENCRYPTION_KEYS_PREVIOUS },
    databaseUrl: v.DATABASE_URL,
    logLevel: v.LOG_LEVEL,
    workerConcurrency: v.WORKER_CONCURRENCY,
    jobMaxAttempts: v.JOB_MAX_ATTEMPTS,
    reconcilerIntervalMs: v.RECONCILER_INTERVAL_MS,
    paymentsIntervalMs: v.PAYMENTS_INTERVAL_MS,
    referenceIntervalMs: v.REFERENCE_INTERVAL_MS,
    dynamicsOrgId: v.DYNAMICS_ORG_ID ? v.DYNAMICS_ORG_ID.toLowerCase() : undefined,
    orgId: v.DYNAMICS_ORG_ID ? v.DYNAMICS_ORG_ID.toLowerCase() : new URL(dataverseUrl).host.toLowerCase(),
  };
}
