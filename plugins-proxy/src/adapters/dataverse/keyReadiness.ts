/**
 * Alternate keys are asynchronous in Dataverse: usable only once their index is Active
 * (EntityKeyIndexStatus Pending → Active, or Failed; Learn, "Work with alternate keys").
 */
import { SYSTEM_TABLES, TABLES, type TableName } from '../../../../solution/names';
import type { BatchItem, BatchPart, BatchRequest } from './batch';
import type { DataverseClient, PagingOptions } from './client';
import { DataverseError } from './errors';
import { isGuid, type QueryOptions } from './odata';

export interface KeyReadinessOptions {
  /** How long a call waits for a Pending key before it is given back to the queue; default 30 s. */
  waitMs?: number;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface KeyDefinition {
  LogicalName?: string;
  KeyAttributes?: string[];
  EntityKeyIndexStatus?: string;
}

const ALL_TABLES: readonly TableName[] = [...Object.values(TABLES), ...Object.values(SYSTEM_TABLES)];

/** The table and key columns a URL or bind value addresses by alternate key, if it does. */
function keyedTable(reference: string): { table: TableName; columns: string[] } | undefined {
  const path = reference.replace(/^https?:\/\/[^/]+/i, '').replace(/^\/?(api\/data\/v[\d.]+\/)?/, '');
  const match = /^([A-Za-z0-9_]+)\((.+)\)$/.exec(path);
  if (!match || isGuid(match[2].trim())) return undefined;
  const table = ALL_TABLES.find((t) => t.entitySet === match[1]);
  const columns = [...match[2].matchAll(/([A-Za-z0-9_]+)\s*=/g)].map((m) =>
    m[1].replace(/^_(.+)_value$/, '$1'),
  );
  return table ? { table, columns } : undefined;
}

function referencesOf(request: BatchRequest): string[] {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const binds = Object.entries(body)
    .filter(([k, v]) => k.endsWith('@odata.bind') && typeof v === 'string')
    .map(([, v]) => String(v));
  return [request.url, ...binds];
}

/**
 * A DataverseClient that, before it addresses a row by an alternate key, makes sure the key is
 * Active: it waits while the key is Pending or InProgress (the first upserts right after the
 * solution import or Connect), gives the call back to the queue as retryable when the wait runs
 * out, and refuses with a message a person can act on when the key Failed (duplicate rows). An
 * Active key is remembered for the life of the process.
 */
export class KeyReadyDataverseClient implements DataverseClient {
  private readonly active = new Set<string>();
  private readonly waitMs: number;
  private readonly pollMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly inner: DataverseClient,
    options: KeyReadinessOptions = {},
  ) {
    this.waitMs = options.waitMs ?? 30_000;
    this.pollMs = options.pollMs ?? 1000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  get<T>(path: string, query?: QueryOptions): Promise<T | null> {
    return this.inner.get<T>(path, query);
  }

  query<T>(entitySet: string, query?: QueryOptions, paging?: PagingOptions): Promise<T[]> {
    return this.inner.query<T>(entitySet, query, paging);
  }

  async create(entitySet: string, body: Record<string, unknown>): Promise<string> {
    await this.ready(referencesOf({ method: 'POST', url: entitySet, body }));
    return this.inner.create(entitySet, body);
  }

  async update(path: string, body: Record<string, unknown>, options?: { ifMatch?: string }): Promise<void> {
    await this.ready(referencesOf({ method: 'PATCH', url: path, body }));
    return this.inner.update(path, body, options);
  }

  async upsert(path: string, body: Record<string, unknown>): Promise<string | undefined> {
    await this.ready(referencesOf({ method: 'PATCH', url: path, body }));
    return this.inner.upsert(path, body);
  }

  async delete(path: string, options?: { ifMatch?: string }): Promise<void> {
    await this.ready([path]);
    return this.inner.delete(path, options);
  }

  async batch(items: readonly BatchItem[], options?: { continueOnError?: boolean }): Promise<BatchPart[]> {
    const requests = items.flatMap((i) => ('changeset' in i ? i.changeset : [i]));
    await this.ready(requests.filter((r) => r.method !== 'GET').flatMap(referencesOf));
    return this.inner.batch(items, options);
  }

  private async ready(references: string[]): Promise<void> {
    const keyed = references.map(keyedTable).filter((k) => k !== undefined);
    for (const { table, columns } of keyed) {
      const id = `${table.logicalName}:${[...columns].sort().join(',')}`;
      if (!this.active.has(id)) await this.waitForKey(table, columns, id);
    }
  }

  private async waitForKey(table: TableName, columns: string[], id: string): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const key = await this.keyFor(table, columns);
      const status = key?.EntityKeyIndexStatus ?? 'Active';
      if (status === 'Active') {
        this.active.add(id);
        return;
      }
      if (status === 'Failed') {
        throw new DataverseError(
          409,
          'key-failed',
          `Dynamics could not activate the alternate key ${key?.LogicalName} of ${table.logicalName}: rows with the same ${columns.join(' and ')} already exist. Remove the duplicates, then reactivate the key (Power Apps, Tables, ${table.logicalName}, Keys).`,
        );
      }
      if (Date.now() + this.pollMs > deadline) {
        // 503 is retried by the queue: the key will be Active soon, nothing for a person to do.
        throw new DataverseError(
          503,
          'key-pending',
          `The alternate key ${key?.LogicalName} of ${table.logicalName} is still ${status} in Dynamics (its index is being built); trying again later.`,
        );
      }
      await this.sleep(this.pollMs);
    }
  }

  private async keyFor(table: TableName, columns: string[]): Promise<KeyDefinition | undefined> {
    const definition = await this.inner.get<{ Keys?: KeyDefinition[] }>(
      `EntityDefinitions(LogicalName='${table.logicalName}')`,
      {
        select: ['LogicalName'],
        expand: [{ navigation: 'Keys', select: ['LogicalName', 'KeyAttributes', 'EntityKeyIndexStatus'] }],
      },
    );
    const wanted = [...columns].sort().join(',');
    return definition?.Keys?.find((k) => [...(k.KeyAttributes ?? [])].sort().join(',') === wanted);
  }
}
