/**
 * The relay's Dataverse Web API client over fetch: 429 and 503 retried a bounded number of times,
 * honouring Retry-After; a 412 is a DataverseConcurrencyError, all else a DataverseError.
 */
import { BatchItem, BatchPart, buildBatch, parseBatchResponse } from './batch';
import { dataverseErrorFrom, DataverseError, dataverseNetworkError } from './errors';
import { idFromEntityUrl, queryString, QueryOptions } from './odata';
import { TokenProvider } from './tokenProvider';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface DataverseClient {
  /** One record by `entityset(key)` path; null when it does not exist. */
  get<T = Record<string, unknown>>(path: string, query?: QueryOptions): Promise<T | null>;
  /** Every row of a query, following @odata.nextLink. */
  query<T = Record<string, unknown>>(
    entitySet: string,
    query?: QueryOptions,
    paging?: PagingOptions,
  ): Promise<T[]>;
  /** Create and return the new id (from OData-EntityId). */
  create(entitySet: string, body: Record<string, unknown>): Promise<string>;
  /** Update an existing row; `ifMatch` defaults to `*` (never creates). */
  update(path: string, body: Record<string, unknown>, options?: { ifMatch?: string }): Promise<void>;
  /** Create or update by key (primary or alternate); returns the id when Dataverse says it. */
  upsert(path: string, body: Record<string, unknown>): Promise<string | undefined>;
  delete(path: string, options?: { ifMatch?: string }): Promise<void>;
  batch(items: readonly BatchItem[], options?: { continueOnError?: boolean }): Promise<BatchPart[]>;
}

export interface PagingOptions {
  maxPageSize?: number;
  /** Stop after this many pages (a runaway guard). */
  maxPages?: number;
}

export interface DataverseRequestEvent {
  method: string;
  status: number;
  ms: number;
}

export interface DataverseHttpClientOptions {
  /** Environment URL, e.g. https://org.crm.dynamics.com. */
  url: string;
  tokenProvider: TokenProvider;
  apiVersion?: string;
  fetch?: FetchLike;
  /** Retries after a 429/503 (or a lost GET); default 3. */
  maxRetries?: number;
  /** A Retry-After longer than this is not waited for; the error goes up for the queue to reschedule. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Per-request timeout; default 60 s. A timed-out request counts as no answer. */
  timeoutMs?: number;
  onRequest?: (event: DataverseRequestEvent) => void;
}

const RETRY_STATUSES = new Set([429, 503]);
const IDEMPOTENT = new Set(['GET', 'PATCH', 'PUT', 'DELETE']);

export class DataverseHttpClient implements DataverseClient {
  readonly apiUrl: string;
  readonly apiPath: string;
  private readonly fetch: FetchLike;
  private readonly maxRetries: number;
  private readonly maxRetryAfterMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: DataverseHttpClientOptions) {
    const origin = new URL(options.url).origin;
    this.apiPath = `/api/data/${options.apiVersion ?? 'v9.2'}/`;
    this.apiUrl = `${origin}${this.apiPath}`;
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.maxRetries = options.maxRetries ?? 3;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async get<T>(path: string, query?: QueryOptions): Promise<T | null> {
    try {
      const response = await this.send('GET', this.url(path) + queryString(query));
      return (await response.json()) as T;
    } catch (error) {
      if (error instanceof DataverseError && error.status === 404) return null;
      throw error;
    }
  }

  async query<T>(entitySet: string, query?: QueryOptions, paging: PagingOptions = {}): Promise<T[]> {
    const headers: Record<string, string> = {};
    if (paging.maxPageSize) headers.Prefer = `odata.maxpagesize=${paging.maxPageSize}`;
    const rows: T[] = [];
    let next: string | undefined = this.url(entitySet) + queryString(query);
    for (let page = 0; next && page < (paging.maxPages ?? 10_000); page++) {
      const response = await this.send('GET', next, { headers });
      const json = (await response.json()) as { value?: T[]; '@odata.nextLink'?: string };
      rows.push(...(json.value ?? []));
      next = json['@odata.nextLink'];
    }
    return rows;
  }

  async create(entitySet: string, body: Record<string, unknown>): Promise<string> {
    const response = await this.send('POST', this.url(entitySet), { body });
    const id = idFromEntityUrl(response.headers.get('OData-EntityId') ?? '');
    if (!id)
      throw new DataverseError(
        response.status,
        'no-entity-id',
        `Dataverse created a ${entitySet} row but sent no id`,
      );
    return id;
  }

  async update(
    path: string,
    body: Record<string, unknown>,
    options: { ifMatch?: string } = {},
  ): Promise<void> {
    await this.send('PATCH', this.url(path), { body, headers: { 'If-Match': options.ifMatch ?? '*' } });
  }

  async upsert(path: string, body: Record<string, unknown>): Promise<string | undefined> {
    const response = await this.send('PATCH', this.url(path), { body });
    return idFromEntityUrl(response.headers.get('OData-EntityId') ?? '');
  }

  async delete(path: string, options: { ifMatch?: string } = {}): Promise<void> {
    await this.send('DELETE', this.url(path), {
      headers: options.ifMatch ? { 'If-Match': options.ifMatch } : {},
    });
  }

  async batch(
    items: readonly BatchItem[],
    options: { continueOnError?: boolean } = {},
  ): Promise<BatchPart[]> {
    const built = buildBatch(items, { apiPath: this.apiPath });
    const headers: Record<string, string> = { 'Content-Type': built.contentType };
    if (options.continueOnError) headers.Prefer = 'odata.continue-on-error';
    // A throttled batch was not executed, so it is safe to send again.
    const response = await this.send('POST', this.url('$batch'), {
      rawBody: built.body,
      headers,
      retryPost: true,
    });
    const contentType = response.headers.get('Content-Type') ?? '';
    return parseBatchResponse(await response.text(), contentType);
  }

  private url(path: string): string {
    return /^https?:\/\//i.test(path) ? path : `${this.apiUrl}${path.replace(/^\//, '')}`;
  }

  private async send(
    method: string,
    url: string,
    options: { body?: unknown; rawBody?: string; headers?: Record<string, string>; retryPost?: boolean } = {},
  ): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.options.tokenProvider.getToken();
      const headers: Record<string, string> = {
        Accept: 'application/json',
        'OData-MaxVersion': '4.0',
        'OData-Version': '4.0',
        Authorization: `Bearer ${token}`,
        ...(method === 'GET' ? { 'If-None-Match': 'null' } : {}),
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...options.headers,
      };
      const body = options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
      const started = Date.now();
      let response: Response;
      try {
        const signal = AbortSignal.timeout(this.options.timeoutMs ?? 60_000);
        response = await this.fetch(url, { method, headers, body, signal });
      } catch (cause) {
        this.options.onRequest?.({ method, status: 0, ms: Date.now() - started });
        const error = dataverseNetworkError(cause);
        if (attempt < this.maxRetries && IDEMPOTENT.has(method)) {
          await this.sleep(backoffMs(attempt));
          continue;
        }
        throw error;
      }
      this.options.onRequest?.({ method, status: response.status, ms: Date.now() - started });
      if (response.ok) return response;
      const error = dataverseErrorFrom(
        response.status,
        await response.text(),
        response.headers.get('Retry-After'),
      );
      const waitMs = error.retryAfterMs ?? backoffMs(attempt);
      const mayRetry =
        RETRY_STATUSES.has(response.status) &&
        (method !== 'POST' || options.retryPost || response.status === 429);
      if (mayRetry && attempt < this.maxRetries && waitMs <= this.maxRetryAfterMs) {
        await this.sleep(waitMs);
        continue;
      }
      throw error;
    }
  }
}

function backoffMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** attempt);
}

/** A failed batch part as the same typed error a single request would raise. */
export function batchPartError(part: BatchPart): DataverseError | undefined {
  if (part.status >= 200 && part.status < 300) return undefined;
  return dataverseErrorFrom(part.status, part.body, part.headers['retry-after']);
}
