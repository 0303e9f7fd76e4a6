/**
 * The relay's logger: pino JSON lines with the ids that follow one sync end to end, and secrets redacted
 * at the source (docs/operations.md#logs).
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { COMPONENTS } from '../../solution/names';

export type { Logger } from 'pino';

const SECRET_HEADERS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-xero-signature',
  COMPONENTS.webhookAuthHeader,
];
const SECRET_FIELDS = [
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'token',
  'tokenSet',
  'clientSecret',
  'client_secret',
  'password',
  'secret',
  'code_verifier',
  'codeVerifier',
];

/** Paths pino's redaction removes: headers on request and response objects, and secret-looking fields up to two levels deep. */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_HEADERS.flatMap((h) => [
    `req.headers["${h}"]`,
    `res.headers["${h}"]`,
    `headers["${h}"]`,
    `request.headers["${h}"]`,
    `response.headers["${h}"]`,
  ]),
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

export const REDACTED = '[redacted]';

/** Query parameters that carry one-time secrets (OAuth connect nonce, authorisation code, state). */
const SECRET_QUERY_PARAMS = new Set(['nonce', 'code', 'state', 'code_verifier', 'token', 'secret']);

/** The URL with the values of secret query parameters replaced, so request logs never carry them. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = decodeURIComponentSafe(eq === -1 ? pair : pair.slice(0, eq));
      return SECRET_QUERY_PARAMS.has(name.toLowerCase()) && eq !== -1
        ? `${pair.slice(0, eq)}=${REDACTED}`
        : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

interface LoggedRequest {
  readonly method?: string;
  readonly url?: string;
  readonly ip?: string;
  readonly id?: unknown;
}

/** Fastify's request line: method, the redacted URL and the caller, never headers or bodies. */
function serializeRequest(req: LoggedRequest): Record<string, unknown> {
  return { id: req.id, method: req.method, url: redactUrl(String(req.url ?? '')), remoteAddress: req.ip };
}

export interface LoggerOptions {
  readonly level: string;
  /** Where lines go; stdout by default. Tests pass a stream to collect the lines. */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'stellarise-relay' },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      serializers: { req: serializeRequest },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}

export interface LogIds {
  readonly invoiceId?: string | null;
  readonly tenantId?: string | null;
  readonly correlationId?: string | null;
  readonly jobId?: string | null;
}

/** A child logger bound to the ids that are known (absent ones are left out rather than logged as null). */
export function withIds(logger: Logger, ids: LogIds): Logger {
  const bindings = Object.fromEntries(
    Object.entries(ids).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
  return logger.child(bindings);
}
