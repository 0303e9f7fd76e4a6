/**
 * The one place where xero-node rejections become a typed XeroError: every shape xero-node, axios or Node
 * sockets reject with ends up here (adapters/xero/README.md).
 */

export type XeroErrorKind =
  'validation' | 'rateLimit' | 'auth' | 'notFound' | 'server' | 'network' | 'unknown';

export type ResponseHeaders = Record<string, string>;

export interface XeroErrorDetails {
  kind: XeroErrorKind;
  status: number;
  messages: string[];
  retryable: boolean;
  retryAfterMs?: number;
  /** X-Rate-Limit-Problem: `minute`, `day`, or another value Xero adds later. */
  problem?: string;
  headers?: ResponseHeaders;
}

export class XeroError extends Error implements XeroErrorDetails {
  readonly kind: XeroErrorKind;
  readonly status: number;
  readonly messages: string[];
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly problem?: string;
  readonly headers: ResponseHeaders;

  constructor(details: XeroErrorDetails) {
    super(details.messages[0] ?? `Xero ${details.kind} error (HTTP ${details.status})`);
    this.name = 'XeroError';
    this.kind = details.kind;
    this.status = details.status;
    this.messages = details.messages;
    this.retryable = details.retryable;
    this.retryAfterMs = details.retryAfterMs;
    this.problem = details.problem;
    this.headers = details.headers ?? {};
  }
}

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null;
}

/** Lower-cased string headers from an axios header object or a plain record. */
export function normaliseHeaders(raw: unknown): ResponseHeaders {
  const source = isObject(raw) && typeof raw.toJSON === 'function' ? (raw.toJSON as () => unknown)() : raw;
  const headers: ResponseHeaders = {};
  if (!isObject(source)) return headers;
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || value === null) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

/** Retry-After in seconds or as an HTTP date, to milliseconds. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** Every `Elements[].ValidationErrors[].Message`, verbatim, in order, without exact repeats. */
export function validationMessages(body: unknown): string[] {
  const parsed = parseBody(body);
  const messages: string[] = [];
  const add = (message: unknown) => {
    if (typeof message === 'string' && message !== '' && !messages.includes(message)) messages.push(message);
  };
  if (isObject(parsed)) {
    const elements = parsed.Elements ?? parsed.elements;
    if (Array.isArray(elements)) {
      for (const element of elements) {
        if (!isObject(element)) continue;
        const errors = element.ValidationErrors ?? element.validationErrors;
        if (Array.isArray(errors)) for (const e of errors) if (isObject(e)) add(e.Message ?? e.message);
      }
    }
    if (messages.length === 0) add(parsed.Detail ?? parsed.detail ?? parsed.Message ?? parsed.message);
    if (messages.length === 0) add(parsed.Title ?? parsed.title);
  } else if (typeof parsed === 'string') {
    add(parsed.trim().slice(0, 500));
  }
  return messages;
}

function kindForStatus(status: number): XeroErrorKind {
  if (status === 0) return 'network';
  if (status === 400 || status === 422) return 'validation';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'notFound';
  if (status === 429) return 'rateLimit';
  if (status === 408) return 'network';
  if (status >= 500) return 'server';
  return 'unknown';
}

const RETRYABLE_KINDS: ReadonlySet<XeroErrorKind> = new Set(['rateLimit', 'server', 'network']);

export function xeroErrorFromResponse(status: number, body: unknown, rawHeaders: unknown): XeroError {
  const headers = normaliseHeaders(rawHeaders);
  const kind = kindForStatus(status);
  const messages = validationMessages(body);
  if (kind === 'network' && messages.length === 0) messages.push('The request to Xero did not complete');
  return new XeroError({
    kind,
    status,
    messages,
    retryable: RETRYABLE_KINDS.has(kind),
    retryAfterMs: parseRetryAfter(headers['retry-after']),
    problem: headers['x-rate-limit-problem'],
    headers,
  });
}

const NETWORK_CODES =
  /^(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|ERR_SOCKET|UND_ERR|ERR_NETWORK|ERR_CANCELED)/;

function networkError(message: string): XeroError {
  return new XeroError({ kind: 'network', status: 0, messages: [message], retryable: true });
}

/** Normalise anything a xero-node call can reject with. */
export function toXeroError(rejection: unknown): XeroError {
  if (rejection instanceof XeroError) return rejection;
  const value = typeof rejection === 'string' ? parseBody(rejection) : rejection;
  if (isObject(value) && isObject(value.response)) {
    const response = value.response;
    const status = Number(response.statusCode ?? response.status ?? 0) || 0;
    const body = response.body ?? response.data ?? value.body;
    return xeroErrorFromResponse(status, body, response.headers);
  }
  if (isObject(value)) {
    const code = typeof value.code === 'string' ? value.code : '';
    const message = typeof value.message === 'string' ? value.message : '';
    if (NETWORK_CODES.test(code) || /timeout|socket hang up|network/i.test(message)) {
      return networkError(message || code);
    }
    return new XeroError({
      kind: 'unknown',
      status: 0,
      messages: [message || 'Unexpected Xero failure'],
      retryable: false,
    });
  }
  const text = typeof value === 'string' ? value : 'Unexpected Xero failure';
  return new XeroError({ kind: 'unknown', status: 0, messages: [text], retryable: false });
}
