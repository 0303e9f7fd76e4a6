/**
 * For `--check`: a DataverseClient that reads the org and records the writes it is asked for
 * instead of sending them, so the configure steps report what they would change.
 */
import type { BatchItem, BatchPart } from '../../plugins-proxy/src/adapters/dataverse/batch';
import type { DataverseClient, PagingOptions } from '../../plugins-proxy/src/adapters/dataverse/client';
import type { QueryOptions } from '../../plugins-proxy/src/adapters/dataverse/odata';

export class ReadOnlyDataverseClient implements DataverseClient {
  readonly writes: string[] = [];

  constructor(private readonly inner: DataverseClient) {}

  get<T>(path: string, query?: QueryOptions): Promise<T | null> {
    return this.inner.get<T>(path, query);
  }

  query<T>(entitySet: string, query?: QueryOptions, paging?: PagingOptions): Promise<T[]> {
    return this.inner.query<T>(entitySet, query, paging);
  }

  async create(entitySet: string): Promise<string> {
    this.writes.push(`POST ${entitySet}`);
    return '00000000-0000-0000-0000-000000000000';
  }

  async update(path: string): Promise<void> {
    this.writes.push(`PATCH ${path}`);
  }

  async upsert(path: string): Promise<string | undefined> {
    this.writes.push(`PATCH ${path}`);
    return undefined;
  }

  async delete(path: string): Promise<void> {
    this.writes.push(`DELETE ${path}`);
  }

  async batch(items: readonly BatchItem[]): Promise<BatchPart[]> {
    this.writes.push(`$batch of ${items.length}`);
    return [];
  }
}
