/**
 * The relay's Dataverse calls made through dynamics-web-api (docs/architecture.md "The Dataverse
 * client"): our paths and batch items become the library's requests, its answers plain Web API JSON.
 */
import { DynamicsWebApi, type Expand } from 'dynamics-web-api';
import type { BatchChangeset, BatchItem, BatchRequest } from './batch';
import { toWebApiJson } from './libraryJson';
import type { ExpandOption, QueryOptions } from './odata';

export interface WebApiLibraryOptions {
  /** Environment URL, e.g. https://org.crm.dynamics.com. */
  url: string;
  apiVersion: string;
  getToken: () => Promise<string>;
  timeoutMs: number;
}

export interface Page<T> {
  value: T[];
  nextLink?: string;
}

/** `entityset(key)` or `entityset(key)/navigation`, as the rest of the relay writes paths. */
function parsePath(path: string): { collection: string; key?: string; navigationProperty?: string } {
  const match = /^\/?([A-Za-z0-9_]+)(?:\((.*)\))?(?:\/([A-Za-z0-9_]+))?$/.exec(path);
  if (!match) throw new Error(`Not a Dataverse path: ${JSON.stringify(path)}`);
  return { collection: match[1], key: match[2], navigationProperty: match[3] };
}

function expandOf(options: readonly ExpandOption[] | undefined): Expand[] | undefined {
  return options?.map((o) => ({
    property: o.navigation,
    select: o.select ? [...o.select] : undefined,
    filter: o.filter,
    orderBy: o.orderby ? [o.orderby] : undefined,
    top: o.top,
  }));
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | undefined {
  const found = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return found?.[1];
}

function isChangeset(item: BatchItem): item is BatchChangeset {
  return 'changeset' in item;
}

export class WebApiLibrary {
  private readonly client: DynamicsWebApi;
  readonly apiUrl: string;

  constructor(options: WebApiLibraryOptions) {
    const origin = new URL(options.url).origin;
    this.apiUrl = `${origin}/api/data/v${options.apiVersion}/`;
    this.client = new DynamicsWebApi({
      serverUrl: origin,
      dataApi: { version: options.apiVersion },
      onTokenRefresh: options.getToken,
      timeout: options.timeoutMs,
      // Failures come back as errors with their status; the library's own 404/412 swallowing is off.
      propagateErrors: true,
    });
  }

  async retrieve<T>(path: string, query: QueryOptions = {}): Promise<T> {
    const { collection, key, navigationProperty } = parsePath(path);
    const data: unknown = await this.client.retrieve({
      collection,
      key,
      navigationProperty,
      select: query.select ? [...query.select] : undefined,
      expand: expandOf(query.expand),
    });
    return toWebApiJson(data) as T;
  }

  /** One page: of a collection with options, or of an `@odata.nextLink` exactly as Dataverse gave it. */
  async page<T>(source: string, query: QueryOptions = {}, maxPageSize?: number): Promise<Page<T>> {
    const isLink = /^https?:\/\//i.test(source);
    // The library strips its own API root from a link; a link naming another host form keeps its path.
    const link = isLink
      ? this.apiUrl + source.replace(/^https?:\/\/[^/]+\/api\/data\/v[\d.]+\//i, '')
      : undefined;
    const request = {
      collection: isLink ? '' : source,
      select: query.select ? [...query.select] : undefined,
      filter: query.filter,
      expand: expandOf(query.expand),
      orderBy: query.orderby ? [query.orderby] : undefined,
      top: query.top,
      count: query.count,
      maxPageSize,
    };
    const data = await this.client.retrieveMultiple(request, link);
    const json = toWebApiJson(data) as { value?: T[]; '@odata.nextLink'?: string };
    return { value: json.value ?? [], nextLink: json['@odata.nextLink'] };
  }

  async create(entitySet: string, body: Record<string, unknown>): Promise<string | undefined> {
    const id: unknown = await this.client.create({ collection: entitySet, data: body });
    return typeof id === 'string' ? id.toLowerCase() : undefined;
  }

  async update(path: string, body: Record<string, unknown>, ifMatch: string): Promise<void> {
    await this.client.update({ ...parsePath(path), data: body, ifmatch: ifMatch });
  }

  async upsert(path: string, body: Record<string, unknown>): Promise<string | undefined> {
    const id: unknown = await this.client.upsert({ ...parsePath(path), data: body });
    return typeof id === 'string' ? id.toLowerCase() : undefined;
  }

  async delete(path: string, ifMatch?: string): Promise<void> {
    await this.client.deleteRecord({ ...parsePath(path), ifmatch: ifMatch });
  }

  /**
   * One library `$batch`. The library joins consecutive writes into one changeset, so the caller
   * passes at most one changeset, or only requests outside changesets (see `batchGroups`).
   */
  async batch(items: readonly BatchItem[], continueOnError: boolean): Promise<unknown[]> {
    // A batch is built on a fresh instance: calls made meanwhile by other jobs stay out of it.
    const batch = this.client.initializeInstance();
    batch.startBatch();
    for (const item of items) {
      if (isChangeset(item)) for (const request of item.changeset) this.queue(batch, request, true);
      else this.queue(batch, item, false);
    }
    const results: unknown = await batch.executeBatch({ continueOnError });
    if (!Array.isArray(results))
      throw new Error('Dataverse answered the $batch with something other than a batch');
    return results;
  }

  private queue(batch: DynamicsWebApi, request: BatchRequest, inChangeSet: boolean): void {
    const reference = () =>
      request.url.startsWith('$') ? { contentId: request.url } : parsePathOrUrl(request.url);
    const ifmatch = headerOf(request.headers, 'If-Match');
    const data = request.body as Record<string, unknown> | undefined;
    const contentId = request.contentId;
    // Queued calls resolve when the batch does; their results come from executeBatch.
    const queued = (promise: Promise<unknown>) => void promise.catch(() => undefined);
    switch (request.method) {
      case 'GET':
        return queued(batch.retrieveMultiple({ collection: '' }, this.absolute(request.url)));
      case 'POST':
        return queued(batch.create({ ...reference(), data, contentId, inChangeSet }));
      case 'PATCH':
        return ifmatch
          ? queued(batch.update({ ...reference(), data, ifmatch, contentId, inChangeSet }))
          : queued(batch.upsert({ ...reference(), data, contentId, inChangeSet }));
      case 'DELETE':
        return queued(batch.deleteRecord({ ...reference(), ifmatch, contentId, inChangeSet }));
      default:
        throw new Error(`${request.method} is not sent in a Dataverse $batch by the relay`);
    }
  }

  private absolute(url: string): string {
    return /^https?:\/\//i.test(url)
      ? url
      : `${this.apiUrl}${url.replace(/^\/?(api\/data\/v[\d.]+\/)?/, '')}`;
  }
}

function parsePathOrUrl(url: string) {
  return parsePath(url.replace(/^https?:\/\/[^/]+/i, '').replace(/^\/?api\/data\/v[\d.]+\//, ''));
}

/**
 * Splits items into library batches: each changeset alone (the library would merge neighbouring
 * changesets into one), requests outside changesets together, order kept.
 */
export function batchGroups(items: readonly BatchItem[]): BatchItem[][] {
  const groups: BatchItem[][] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (!isChangeset(item) && last && !isChangeset(last[0])) last.push(item);
    else groups.push([item]);
  }
  return groups;
}
