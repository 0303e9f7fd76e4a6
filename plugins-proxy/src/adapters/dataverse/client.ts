/**
 * The relay's typed Dataverse client over dynamics-web-api (`webApiLibrary.ts`): 429 and 503 retried a
 * bounded number of times, honouring Retry-After; a 412 is a DataverseConcurrencyError, all else a DataverseError.
 */
import { BatchItem, BatchPart } from './batch';
import { dataverseErrorFrom, DataverseError } from './errors';
import { errorFromLibrary, isLibraryHttpError, isNetworkError, partFrom } from './libraryJson';
import { QueryOptions } from './odata';
import { TokenProvider } from './tokenProvider';
import { batchGroups, WebApiLibrary } from './webApiLibrary';

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
/** What a success answers, per operation: the library hands back data, not the status line. */
type Operation = { method: string; okStatus: number; retryPost?: boolean };

export class DataverseHttpClient implements DataverseClient {
  readonly apiUrl: string;
  readonly apiPath: string;
  private readonly library: WebApiLibrary;
  private readonly maxRetries: number;
  private readonly maxRetryAfterMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: DataverseHttpClientOptions) {
    const version = (options.apiVersion ?? 'v9.2').replace(/^v/, '');
    this.library = new WebApiLibrary({
      url: options.url,
      apiVersion: version,
      getToken: () => options.tokenProvider.getToken(),
      timeoutMs: options.timeoutMs ?? 60_000,
    });
    this.apiUrl = this.library.apiUrl;
    this.apiPath = new URL(this.apiUrl).pathname;
    this.maxRetries = options.maxRetries ?? 3;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async get<T>(path: string, query?: QueryOptions): Promise<T | null> {
    try {
      return await this.send({ method: 'GET', okStatus: 200 }, () => this.library.retrieve<T>(path, query));
    } catch (error) {
      if (error instanceof DataverseError && error.status === 404) return null;
      throw error;
    }
  }

  async query<T>(entitySet: string, query?: QueryOptions, paging: PagingOptions = {}): Promise<T[]> {
    const rows: T[] = [];
    let next: string | undefined = entitySet;
    for (let page = 0; next && page < (paging.maxPages ?? 10_000); page++) {
      const source: string = next;
      const answer = await this.send({ method: 'GET', okStatus: 200 }, () =>
        this.library.page<T>(source, page === 0 ? query : {}, paging.maxPageSize),
      );
      rows.push(...answer.value);
      next = answer.nextLink;
    }
    return rows;
  }

  async create(entitySet: string, body: Record<string, unknown>): Promise<string> {
    const id = await this.send({ method: 'POST', okStatus: 204 }, () => this.library.create(entitySet, body));
    if (!id)
      throw new DataverseError(204, 'no-entity-id', `Dataverse created a ${entitySet} row but sent no id`);
    return id;
  }

  async update(
    path: string,
    body: Record<string, unknown>,
    options: { ifMatch?: string } = {},
  ): Promise<void> {
    await this.send({ method: 'PATCH', okStatus: 204 }, () =>
      this.library.update(path, body, options.ifMatch ?? '*'),
    );
  }

  async upsert(path: string, body: Record<string, unknown>): Promise<string | undefined> {
    return this.send({ method: 'PATCH', okStatus: 204 }, () => this.library.upsert(path, body));
  }

  async delete(path: string, options: { ifMatch?: string } = {}): Promise<void> {
    await this.send({ method: 'DELETE', okStatus: 204 }, () => this.library.delete(path, options.ifMatch));
  }

  /**
   * One library `$batch` per changeset and one per run of plain requests (`batchGroups`); without
   * continue-on-error the first failed group stops the rest, as Dataverse stops at the first failure.
   */
  async batch(
    items: readonly BatchItem[],
    options: { continueOnError?: boolean } = {},
  ): Promise<BatchPart[]> {
    const parts: BatchPart[] = [];
    for (const [index, group] of batchGroups(items).entries()) {
      const changeset = 'changeset' in group[0] ? `changeset_${index + 1}` : undefined;
      const results = await this.batchOnce(group, options.continueOnError ?? false);
      const groupParts = results.map((r) => partFrom(r, changeset));
      parts.push(...groupParts);
      const failed = groupParts.some((p) => p.status < 200 || p.status >= 300);
      if (failed && !options.continueOnError) break;
    }
    return parts;
  }

  /** A batch that failed as a whole (400 without continue-on-error) still answers its parts. */
  private async batchOnce(group: BatchItem[], continueOnError: boolean): Promise<unknown[]> {
    // A throttled batch was not executed, so it is safe to send again.
    const operation = { method: 'POST', okStatus: 200, retryPost: true };
    try {
      return await this.send(operation, () => this.library.batch(group, continueOnError), true);
    } catch (error) {
      if (Array.isArray(error)) return error;
      throw error;
    }
  }

  private async send<T>(operation: Operation, call: () => Promise<T>, partsAreAnswers = false): Promise<T> {
    const { method } = operation;
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      let caught: unknown;
      try {
        const result = await call();
        this.options.onRequest?.({ method, status: operation.okStatus, ms: Date.now() - started });
        return result;
      } catch (error) {
        caught = error;
      }
      // The library rejects a failed batch with its parts: that is an answer, not an error to retry.
      if (partsAreAnswers && Array.isArray(caught)) {
        this.options.onRequest?.({ method, status: 400, ms: Date.now() - started });
        throw caught;
      }
      // Our own mistakes (a bad path, a library parameter check) are bugs, not Dataverse's answer.
      if (!isLibraryHttpError(caught) && !isNetworkError(caught)) throw caught;
      const error = errorFromLibrary(caught);
      this.options.onRequest?.({ method, status: error.status, ms: Date.now() - started });
      if (!isLibraryHttpError(caught)) {
        if (attempt < this.maxRetries && IDEMPOTENT.has(method)) {
          await this.sleep(backoffMs(attempt));
          continue;
        }
        throw error;
      }
      const waitMs = error.retryAfterMs ?? backoffMs(attempt);
      const mayRetry =
        RETRY_STATUSES.has(error.status) &&
        (method !== 'POST' || operation.retryPost || error.status === 429);
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
