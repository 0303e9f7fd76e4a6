/**
 * Xrm.WebApi (and the PCF context's webAPI, which has the same calls) over the Dataverse emulator
 * as the signed-in user, with the documented result shapes: create/update → {entityType, id},
 * retrieveRecord → the row, retrieveMultipleRecords → {entities, nextLink}. Failures reject with
 * {errorCode, message, code}, as Xrm does.
 */
import { DataverseRequestError, type DataverseClient, type Row } from '../app/dataverse';

export interface RecordRef {
  entityType: string;
  id: string;
}

function xrmError(error: unknown) {
  if (error instanceof DataverseRequestError)
    return { errorCode: error.errorCode, message: error.message, code: error.code, status: error.status };
  return { errorCode: 0, message: error instanceof Error ? error.message : String(error) };
}

const query = (options?: string) => (options ? (options.startsWith('?') ? options : `?${options}`) : '');

export function createWebApi(client: DataverseClient, onWrite: (entity: string, id: string) => void) {
  const setOf = async (logicalName: string) => (await client.entity(logicalName)).entitySet;
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw xrmError(error);
    }
  };
  const api = {
    createRecord: (entityLogicalName: string, data: Row): Promise<RecordRef> =>
      guarded(async () => {
        const id = await client.create(await setOf(entityLogicalName), data);
        onWrite(entityLogicalName, id);
        return { entityType: entityLogicalName, id };
      }),
    updateRecord: (entityLogicalName: string, id: string, data: Row): Promise<RecordRef> =>
      guarded(async () => {
        const bare = id.replace(/[{}]/g, '');
        await client.update(await setOf(entityLogicalName), bare, data);
        onWrite(entityLogicalName, bare);
        return { entityType: entityLogicalName, id: bare };
      }),
    deleteRecord: (entityLogicalName: string, id: string): Promise<RecordRef> =>
      guarded(async () => {
        const bare = id.replace(/[{}]/g, '');
        await client.remove(await setOf(entityLogicalName), bare);
        onWrite(entityLogicalName, bare);
        return { entityType: entityLogicalName, id: bare };
      }),
    retrieveRecord: (entityLogicalName: string, id: string, options?: string): Promise<Row> =>
      guarded(async () =>
        client.get(`${await setOf(entityLogicalName)}(${id.replace(/[{}]/g, '')})${query(options)}`),
      ),
    retrieveMultipleRecords: (
      entityLogicalName: string,
      options?: string,
      maxPageSize?: number,
    ): Promise<{ entities: Row[]; nextLink?: string }> =>
      guarded(async () => {
        if (options && /^https?:/.test(options)) {
          const page = await client.list(options.slice(client.apiRoot.length));
          return { entities: page.value, nextLink: page.nextLink };
        }
        const path = `${await setOf(entityLogicalName)}${query(options)}`;
        const prefer = `odata.include-annotations="*",odata.maxpagesize=${maxPageSize ?? 5000}`;
        const reply = await client.request('GET', path, undefined, prefer);
        const body = (await reply.json()) as { value: Row[]; '@odata.nextLink'?: string };
        return { entities: body.value, nextLink: body['@odata.nextLink'] };
      }),
  };
  return { ...api, online: api, offline: api, isAvailableOffline: () => false };
}

export type ShellWebApi = ReturnType<typeof createWebApi>;
