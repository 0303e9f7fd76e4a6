/**
 * The three Xrm.WebApi calls the ribbon's syncRequest module makes, over the Web API client, so
 * the CLI queues a sync with the ribbon's own code. It remembers the ids it created.
 */
import type { DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import { SYSTEM_TABLES, TABLES, type TableName } from '../../solution/names';
import type { RibbonWebApi } from '../../webresources/scripts/syncRequest';

const KNOWN: readonly TableName[] = [...Object.values(TABLES), ...Object.values(SYSTEM_TABLES)];

function entitySetOf(logicalName: string): string {
  const table = KNOWN.find((t) => t.logicalName === logicalName);
  if (!table) throw new Error(`No entity set known for ${logicalName}`);
  return table.entitySet;
}

export interface RecordingWebApi {
  readonly webApi: RibbonWebApi;
  /** Ids created, in order, with their table. */
  readonly created: { logicalName: string; id: string }[];
}

export function ribbonWebApi(client: DataverseClient): RecordingWebApi {
  const created: { logicalName: string; id: string }[] = [];
  const api = {
    async createRecord(logicalName: string, data: Record<string, unknown>) {
      const id = await client.create(entitySetOf(logicalName), data);
      created.push({ logicalName, id });
      return { entityType: logicalName, id };
    },
    async updateRecord(logicalName: string, id: string, data: Record<string, unknown>) {
      await client.update(`${entitySetOf(logicalName)}(${id})`, data);
      return { entityType: logicalName, id };
    },
    async retrieveRecord(logicalName: string, id: string, options?: string) {
      const select = /\$select=([^&]+)/.exec(options ?? '')?.[1]?.split(',');
      return (await client.get(`${entitySetOf(logicalName)}(${id})`, select ? { select } : undefined)) ?? {};
    },
  };
  return { webApi: api as unknown as RibbonWebApi, created };
}
